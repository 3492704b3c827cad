using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ArtSouk.Cms.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_outbox_messages",
                schema: "cms",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_processed_at_occurred_at",
                schema: "cms",
                table: "outbox_messages");

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                schema: "cms",
                table: "outbox_messages",
                type: "bigint",
                nullable: false)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "failed_at",
                schema: "cms",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "key",
                schema: "cms",
                table: "outbox_messages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            // Messages already waiting keep their per-entry order: the key is the entry id in their payload.
            migrationBuilder.Sql("UPDATE cms.outbox_messages SET key = payload::jsonb ->> 'id' WHERE key IS NULL;");

            migrationBuilder.AddPrimaryKey(
                name: "pk_outbox_messages",
                schema: "cms",
                table: "outbox_messages",
                column: "sequence");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_id",
                schema: "cms",
                table: "outbox_messages",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_key_sequence",
                schema: "cms",
                table: "outbox_messages",
                columns: new[] { "key", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_sequence",
                schema: "cms",
                table: "outbox_messages",
                columns: new[] { "processed_at", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_deliveries_handled_at",
                schema: "cms",
                table: "outbox_deliveries",
                column: "handled_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_outbox_messages",
                schema: "cms",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_id",
                schema: "cms",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_key_sequence",
                schema: "cms",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_processed_at_sequence",
                schema: "cms",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_deliveries_handled_at",
                schema: "cms",
                table: "outbox_deliveries");

            migrationBuilder.DropColumn(
                name: "sequence",
                schema: "cms",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "failed_at",
                schema: "cms",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "key",
                schema: "cms",
                table: "outbox_messages");

            migrationBuilder.AddPrimaryKey(
                name: "pk_outbox_messages",
                schema: "cms",
                table: "outbox_messages",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_occurred_at",
                schema: "cms",
                table: "outbox_messages",
                columns: new[] { "processed_at", "occurred_at" });
        }
    }
}
