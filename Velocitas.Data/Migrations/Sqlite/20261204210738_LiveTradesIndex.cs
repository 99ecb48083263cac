using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Velocitas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveTradesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Trades_StrategyInstanceId_ExitTime",
                table: "Trades");

            migrationBuilder.CreateIndex(
                name: "IX_Trades_StrategyInstanceId_ExitTime",
                table: "Trades",
                columns: new[] { "StrategyInstanceId", "ExitTime" },
                filter: "\"StrategyInstanceId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Trades_StrategyInstanceId_ExitTime",
                table: "Trades");

            migrationBuilder.CreateIndex(
                name: "IX_Trades_StrategyInstanceId_ExitTime",
                table: "Trades",
                columns: new[] { "StrategyInstanceId", "ExitTime" });
        }
    }
}
