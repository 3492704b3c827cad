using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ArtSouk.Cms.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EditorialWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                schema: "cms",
                table: "entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deleted_by",
                schema: "cms",
                table: "entries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "review_at",
                schema: "cms",
                table: "entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_by",
                schema: "cms",
                table: "entries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_comment",
                schema: "cms",
                table: "entries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_state",
                schema: "cms",
                table: "entries",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "review_version",
                schema: "cms",
                table: "entries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "schedule_failed_at",
                schema: "cms",
                table: "entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "schedule_failure",
                schema: "cms",
                table: "entries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "scheduled_version",
                schema: "cms",
                table: "entries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "updated_by",
                schema: "cms",
                table: "entries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "cms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    user_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_entries_deleted_at",
                schema: "cms",
                table: "entries",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_entries_review_state",
                schema: "cms",
                table: "entries",
                column: "review_state");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at_id",
                schema: "cms",
                table: "audit_log",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_id_at",
                schema: "cms",
                table: "audit_log",
                columns: new[] { "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_user_id_at",
                schema: "cms",
                table: "audit_log",
                columns: new[] { "user_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "cms");

            migrationBuilder.DropIndex(
                name: "ix_entries_deleted_at",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "ix_entries_review_state",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "deleted_by",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_at",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_by",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_comment",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_state",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "review_version",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "schedule_failed_at",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "schedule_failure",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "scheduled_version",
                schema: "cms",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "updated_by",
                schema: "cms",
                table: "entries");
        }
    }
}
