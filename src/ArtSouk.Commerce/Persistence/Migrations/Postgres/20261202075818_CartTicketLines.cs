using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Commerce.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CartTicketLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Cart lines gain a ticket type in their key. It is NOT NULL (the empty GUID for a listing line, which existing
            // lines get): PostgreSQL would treat NULLs in a key as distinct, so (buyer, entry, NULL) could repeat.
            migrationBuilder.DropPrimaryKey(
                name: "pk_cart_items",
                schema: "commerce",
                table: "cart_items");

            migrationBuilder.AddColumn<Guid>(
                name: "ticket_type_id",
                schema: "commerce",
                table: "cart_items",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddPrimaryKey(
                name: "pk_cart_items",
                schema: "commerce",
                table: "cart_items",
                columns: new[] { "buyer_id", "entry_id", "ticket_type_id" });

            migrationBuilder.CreateIndex(
                name: "ix_cart_items_ticket_type_id",
                schema: "commerce",
                table: "cart_items",
                column: "ticket_type_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_cart_items",
                schema: "commerce",
                table: "cart_items");

            migrationBuilder.DropIndex(
                name: "ix_cart_items_ticket_type_id",
                schema: "commerce",
                table: "cart_items");

            migrationBuilder.DropColumn(
                name: "ticket_type_id",
                schema: "commerce",
                table: "cart_items");

            migrationBuilder.AddPrimaryKey(
                name: "pk_cart_items",
                schema: "commerce",
                table: "cart_items",
                columns: new[] { "buyer_id", "entry_id" });
        }
    }
}
