using Microsoft.EntityFrameworkCore.Migrations;
using PaperDigest.Core.Data;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.CreateStatements())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                DECLARE quartz_table text;
                BEGIN
                    FOR quartz_table IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'qrtz\_%' LOOP
                        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', quartz_table);
                    END LOOP;
                END $$;
                """);
        }
    }
}
