using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Accounts.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts_audit_log",
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
                    table.PrimaryKey("pk_accounts_audit_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_audit_log_at_id",
                table: "accounts_audit_log",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_audit_log_entity_id_at",
                table: "accounts_audit_log",
                columns: new[] { "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_audit_log_user_id_at",
                table: "accounts_audit_log",
                columns: new[] { "user_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_audit_log");
        }
    }
}
