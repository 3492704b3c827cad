using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Cms.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MediaRenditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "caption",
                table: "media",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "credit",
                table: "media",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "focal_x",
                table: "media",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "focal_y",
                table: "media",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "renditions",
                table: "media",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "media",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Assets stored before the library could be searched: their file name and alt text.
            migrationBuilder.Sql("UPDATE media SET search_text = lower(file_name || ' ' || coalesce(json_extract(alt, '$.ar'), '') || ' ' || coalesce(json_extract(alt, '$.en'), ''));");

            migrationBuilder.CreateIndex(
                name: "ix_media_created_at",
                table: "media",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_media_created_at",
                table: "media");

            migrationBuilder.DropColumn(
                name: "caption",
                table: "media");

            migrationBuilder.DropColumn(
                name: "credit",
                table: "media");

            migrationBuilder.DropColumn(
                name: "focal_x",
                table: "media");

            migrationBuilder.DropColumn(
                name: "focal_y",
                table: "media");

            migrationBuilder.DropColumn(
                name: "renditions",
                table: "media");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "media");
        }
    }
}
