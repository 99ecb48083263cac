using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Velocitas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CandleBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CandleBlocks",
                columns: table => new
                {
                    DatasetId = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstTime = table.Column<long>(type: "INTEGER", nullable: false),
                    LastTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CandleBlocks", x => new { x.DatasetId, x.FirstTime });
                    table.ForeignKey(
                        name: "FK_CandleBlocks_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CandleBlocks");
        }
    }
}
