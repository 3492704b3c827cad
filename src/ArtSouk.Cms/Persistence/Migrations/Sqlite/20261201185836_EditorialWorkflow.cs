using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Cms.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EditorialWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "deleted_at",
                table: "entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deleted_by",
                table: "entries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "review_at",
                table: "entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_by",
                table: "entries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_comment",
                table: "entries",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_state",
                table: "entries",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "review_version",
                table: "entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "schedule_failed_at",
                table: "entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "schedule_failure",
                table: "entries",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "scheduled_version",
                table: "entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "updated_by",
                table: "entries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_entries_deleted_at",
                table: "entries",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_entries_review_state",
                table: "entries",
                column: "review_state");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at_id",
                table: "audit_log",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_id_at",
                table: "audit_log",
                columns: new[] { "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_user_id_at",
                table: "audit_log",
                columns: new[] { "user_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropIndex(
                name: "ix_entries_deleted_at",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "ix_entries_review_state",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "deleted_by",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_at",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_by",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_comment",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_state",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_version",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "schedule_failed_at",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "schedule_failure",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "scheduled_version",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "updated_by",
                table: "entries");
        }
    }
}
