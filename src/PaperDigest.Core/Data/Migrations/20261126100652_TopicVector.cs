using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TopicVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "topic_vector",
                table: "papers",
                type: "tsvector",
                nullable: false,
                computedColumnSql: "to_tsvector('english', paperdigest_unaccent(title || ' ' || paperdigest_join(ai_keywords)))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_papers_topic_vector",
                table: "papers",
                column: "topic_vector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_papers_topic_vector",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "topic_vector",
                table: "papers");
        }
    }
}
