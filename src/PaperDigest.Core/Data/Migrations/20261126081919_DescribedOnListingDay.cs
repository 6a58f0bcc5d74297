using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DescribedOnListingDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "described_on_listing_day",
                table: "papers",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "described_on_listing_day",
                table: "papers");
        }
    }
}
