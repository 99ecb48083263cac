using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Velocitas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "MaxDrawdown",
                table: "StrategyInstances",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<decimal>(
                name: "PeakEquity",
                table: "StrategyInstances",
                type: "TEXT",
                precision: 28,
                scale: 10,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "PendingOrder",
                table: "StrategyInstances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TradeCount",
                table: "StrategyInstances",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "TrailingHigh",
                table: "StrategyInstances",
                type: "TEXT",
                precision: 28,
                scale: 10,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "WinCount",
                table: "StrategyInstances",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MaxDrawdown",
                table: "StrategyInstances");

            migrationBuilder.DropColumn(
                name: "PeakEquity",
                table: "StrategyInstances");

            migrationBuilder.DropColumn(
                name: "PendingOrder",
                table: "StrategyInstances");

            migrationBuilder.DropColumn(
                name: "TradeCount",
                table: "StrategyInstances");

            migrationBuilder.DropColumn(
                name: "TrailingHigh",
                table: "StrategyInstances");

            migrationBuilder.DropColumn(
                name: "WinCount",
                table: "StrategyInstances");
        }
    }
}
