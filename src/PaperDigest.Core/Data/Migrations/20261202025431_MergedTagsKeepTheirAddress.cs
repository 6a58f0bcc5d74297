using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class MergedTagsKeepTheirAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tag_aliases",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_aliases", x => x.slug);
                    table.ForeignKey(
                        name: "fk_tag_aliases_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tag_aliases_tag_id",
                table: "tag_aliases",
                column: "tag_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tag_aliases");
        }
    }
}
