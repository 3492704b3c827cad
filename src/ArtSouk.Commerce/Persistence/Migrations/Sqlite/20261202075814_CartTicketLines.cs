using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Commerce.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CartTicketLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Cart lines gain a ticket type in their key. It is NOT NULL (the empty GUID for a listing line, which existing
            // lines get): PostgreSQL would treat NULLs in a key as distinct, so (buyer, entry, NULL) could repeat.
            // SQLite cannot change a primary key in place; the table is copied by hand rather than by EF's rebuild, whose
            // PRAGMA foreign_keys cannot run inside the migration's transaction (cart_items has no foreign keys to guard).
            Rebuild(migrationBuilder, withTicketType: true);

            migrationBuilder.CreateIndex(
                name: "ix_cart_items_ticket_type_id",
                table: "cart_items",
                column: "ticket_type_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Ticket lines have no place in the old key: they go, listing lines stay.
            migrationBuilder.Sql("DELETE FROM cart_items WHERE ticket_type_id <> '00000000-0000-0000-0000-000000000000';");
            Rebuild(migrationBuilder, withTicketType: false);
        }

        private static void Rebuild(MigrationBuilder migrationBuilder, bool withTicketType)
        {
            if (withTicketType)
            {
                migrationBuilder.CreateTable(
                    name: "cart_items_next",
                    columns: table => new
                    {
                        buyer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                        entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                        ticket_type_id = table.Column<Guid>(type: "TEXT", nullable: false),
                        quantity = table.Column<int>(type: "INTEGER", nullable: false),
                        added_at = table.Column<long>(type: "INTEGER", nullable: false)
                    },
                    constraints: table => table.PrimaryKey("pk_cart_items", x => new { x.buyer_id, x.entry_id, x.ticket_type_id }));
            }
            else
            {
                migrationBuilder.CreateTable(
                    name: "cart_items_next",
                    columns: table => new
                    {
                        buyer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                        entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                        quantity = table.Column<int>(type: "INTEGER", nullable: false),
                        added_at = table.Column<long>(type: "INTEGER", nullable: false)
                    },
                    constraints: table => table.PrimaryKey("pk_cart_items", x => new { x.buyer_id, x.entry_id }));
            }
            migrationBuilder.Sql(withTicketType
                ? "INSERT INTO cart_items_next (buyer_id, entry_id, ticket_type_id, quantity, added_at) SELECT buyer_id, entry_id, '00000000-0000-0000-0000-000000000000', quantity, added_at FROM cart_items;"
                : "INSERT INTO cart_items_next (buyer_id, entry_id, quantity, added_at) SELECT buyer_id, entry_id, quantity, added_at FROM cart_items;");
            migrationBuilder.DropTable(name: "cart_items");
            migrationBuilder.RenameTable(name: "cart_items_next", newName: "cart_items");
        }
    }
}
