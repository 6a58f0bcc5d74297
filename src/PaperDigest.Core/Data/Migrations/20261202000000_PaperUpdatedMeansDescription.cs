using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <summary>
    /// papers.updated_at now changes only with what a paper says, not with its counts. Stored values mixed the two,
    /// so they are reset to first sight: feeds then date a paper by its publication until its description changes.
    /// No model change, hence no designer file.
    /// </summary>
    [DbContext(typeof(PaperDigestDbContext))]
    [Migration("20261202000000_PaperUpdatedMeansDescription")]
    public partial class PaperUpdatedMeansDescription : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE papers SET updated_at = first_seen_at WHERE updated_at <> first_seen_at AND NOT EXISTS (SELECT 1 FROM paper_edits e WHERE e.arxiv_id = papers.arxiv_id)");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the old values are not kept, and any updated_at was valid before.
        }
    }
}
