using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Commerce.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TicketTypesWaitingList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ticket_type_id",
                schema: "commerce",
                table: "order_lines",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ticket_types",
                schema: "commerce",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name_ar = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    price_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    availability = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    sold = table.Column<int>(type: "integer", nullable: false),
                    reserved = table.Column<int>(type: "integer", nullable: false),
                    holds_until_ms = table.Column<long>(type: "bigint", nullable: false),
                    hold_epoch = table.Column<long>(type: "bigint", nullable: false),
                    sales_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sales_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "waiting_list",
                schema: "commerce",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    locale = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    offered_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    hold_epoch = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waiting_list", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_ticket_type_id",
                schema: "commerce",
                table: "order_lines",
                column: "ticket_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_ticket_types_entry_id_position",
                schema: "commerce",
                table: "ticket_types",
                columns: new[] { "entry_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_waiting_list_state_offered_until",
                schema: "commerce",
                table: "waiting_list",
                columns: new[] { "state", "offered_until" });

            migrationBuilder.CreateIndex(
                name: "ix_waiting_list_ticket_type_id_state_joined_at",
                schema: "commerce",
                table: "waiting_list",
                columns: new[] { "ticket_type_id", "state", "joined_at" });

            migrationBuilder.CreateIndex(
                name: "ix_waiting_list_ticket_type_id_user_id",
                schema: "commerce",
                table: "waiting_list",
                columns: new[] { "ticket_type_id", "user_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ticket_types",
                schema: "commerce");

            migrationBuilder.DropTable(
                name: "waiting_list",
                schema: "commerce");

            migrationBuilder.DropIndex(
                name: "ix_order_lines_ticket_type_id",
                schema: "commerce",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "ticket_type_id",
                schema: "commerce",
                table: "order_lines");
        }
    }
}
