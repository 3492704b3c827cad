using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Cms.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The primary key moves from the id to a sequence. EF would rebuild the table with foreign keys switched
            // off outside the transaction; nothing references this table, so the rebuild runs inside it instead, and
            // existing messages keep their order.
            migrationBuilder.Sql("""
                CREATE TABLE "outbox_messages_new" (
                    "sequence" INTEGER NOT NULL CONSTRAINT "pk_outbox_messages" PRIMARY KEY AUTOINCREMENT,
                    "id" TEXT NOT NULL,
                    "type" TEXT NOT NULL,
                    "key" TEXT NULL,
                    "payload" TEXT NOT NULL,
                    "occurred_at" INTEGER NOT NULL,
                    "processed_at" INTEGER NULL,
                    "attempts" INTEGER NOT NULL,
                    "last_error" TEXT NULL,
                    "failed_at" INTEGER NULL,
                    "locked_until" INTEGER NULL);
                INSERT INTO "outbox_messages_new" ("id", "type", "key", "payload", "occurred_at", "processed_at", "attempts", "last_error", "locked_until")
                    SELECT "id", "type", json_extract("payload", '$.id'), "payload", "occurred_at", "processed_at", "attempts", "last_error", "locked_until"
                    FROM "outbox_messages" ORDER BY "occurred_at", "id";
                DROP TABLE "outbox_messages";
                ALTER TABLE "outbox_messages_new" RENAME TO "outbox_messages";
                """);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_id",
                table: "outbox_messages",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_key_sequence",
                table: "outbox_messages",
                columns: new[] { "key", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_sequence",
                table: "outbox_messages",
                columns: new[] { "processed_at", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_deliveries_handled_at",
                table: "outbox_deliveries",
                column: "handled_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_outbox_messages",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_id",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_key_sequence",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_processed_at_sequence",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_deliveries_handled_at",
                table: "outbox_deliveries");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "failed_at",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "key",
                table: "outbox_messages");

            migrationBuilder.AddPrimaryKey(
                name: "pk_outbox_messages",
                table: "outbox_messages",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_occurred_at",
                table: "outbox_messages",
                columns: new[] { "processed_at", "occurred_at" });
        }
    }
}
