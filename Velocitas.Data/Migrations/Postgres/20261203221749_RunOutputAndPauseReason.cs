using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Velocitas.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunOutputAndPauseReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PauseReason",
                table: "StrategyInstances",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutputJson",
                table: "BacktestRuns",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PauseReason",
                table: "StrategyInstances");

            migrationBuilder.DropColumn(
                name: "OutputJson",
                table: "BacktestRuns");
        }
    }
}
