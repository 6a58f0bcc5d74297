using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReaderInterests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "topic",
                table: "subscribers",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "topic_threshold",
                table: "subscribers",
                type: "double precision",
                nullable: false,
                defaultValue: 0.34999999999999998);

            migrationBuilder.CreateTable(
                name: "paper_feedback",
                columns: table => new
                {
                    subscriber_id = table.Column<long>(type: "bigint", nullable: false),
                    arxiv_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    signal = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_feedback", x => new { x.subscriber_id, x.arxiv_id });
                    table.ForeignKey(
                        name: "fk_paper_feedback_papers_arxiv_id",
                        column: x => x.arxiv_id,
                        principalTable: "papers",
                        principalColumn: "arxiv_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_paper_feedback_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_paper_feedback_arxiv_id",
                table: "paper_feedback",
                column: "arxiv_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "paper_feedback");

            migrationBuilder.DropColumn(
                name: "topic",
                table: "subscribers");

            migrationBuilder.DropColumn(
                name: "topic_threshold",
                table: "subscribers");
        }
    }
}
