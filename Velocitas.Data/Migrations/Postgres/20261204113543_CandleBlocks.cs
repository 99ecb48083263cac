using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Velocitas.Data.Migrations.Postgres
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
                    DatasetId = table.Column<int>(type: "integer", nullable: false),
                    FirstTime = table.Column<long>(type: "bigint", nullable: false),
                    LastTime = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
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
