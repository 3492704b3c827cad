using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Cms.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MediaRenditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "caption",
                schema: "cms",
                table: "media",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "credit",
                schema: "cms",
                table: "media",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "focal_x",
                schema: "cms",
                table: "media",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "focal_y",
                schema: "cms",
                table: "media",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "renditions",
                schema: "cms",
                table: "media",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                schema: "cms",
                table: "media",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Assets stored before the library could be searched: their file name and alt text.
            migrationBuilder.Sql("UPDATE cms.media SET search_text = lower(file_name || ' ' || coalesce(alt->>'ar', '') || ' ' || coalesce(alt->>'en', ''));");

            migrationBuilder.CreateIndex(
                name: "ix_media_created_at",
                schema: "cms",
                table: "media",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_media_created_at",
                schema: "cms",
                table: "media");

            migrationBuilder.DropColumn(
                name: "caption",
                schema: "cms",
                table: "media");

            migrationBuilder.DropColumn(
                name: "credit",
                schema: "cms",
                table: "media");

            migrationBuilder.DropColumn(
                name: "focal_x",
                schema: "cms",
                table: "media");

            migrationBuilder.DropColumn(
                name: "focal_y",
                schema: "cms",
                table: "media");

            migrationBuilder.DropColumn(
                name: "renditions",
                schema: "cms",
                table: "media");

            migrationBuilder.DropColumn(
                name: "search_text",
                schema: "cms",
                table: "media");
        }
    }
}
