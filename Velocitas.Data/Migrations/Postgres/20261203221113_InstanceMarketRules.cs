using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Velocitas.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InstanceMarketRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MarketRulesJson",
                table: "StrategyInstances",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MarketRulesJson",
                table: "StrategyInstances");
        }
    }
}
