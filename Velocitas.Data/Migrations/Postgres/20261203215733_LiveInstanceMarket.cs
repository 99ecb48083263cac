using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Velocitas.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LiveInstanceMarket : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Market",
                table: "StrategyInstances",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MarketTime",
                table: "StrategyInstances",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Market",
                table: "StrategyInstances");

            migrationBuilder.DropColumn(
                name: "MarketTime",
                table: "StrategyInstances");
        }
    }
}
