using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Velocitas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DatasetExchange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AutoUpdateMinutes",
                table: "Datasets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Exchange",
                table: "Datasets",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExchangeSymbol",
                table: "Datasets",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Incomplete",
                table: "Datasets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AutoUpdateMinutes",
                table: "Datasets");

            migrationBuilder.DropColumn(
                name: "Exchange",
                table: "Datasets");

            migrationBuilder.DropColumn(
                name: "ExchangeSymbol",
                table: "Datasets");

            migrationBuilder.DropColumn(
                name: "Incomplete",
                table: "Datasets");
        }
    }
}
