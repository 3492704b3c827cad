using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Auctions.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Deposits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "deposit_minor",
                schema: "auctions",
                table: "sales",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "deposit_minor",
                schema: "auctions",
                table: "registrations",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deposit_paid_at",
                schema: "auctions",
                table: "registrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deposit_payment_id",
                schema: "auctions",
                table: "registrations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deposit_refund_id",
                schema: "auctions",
                table: "registrations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deposit_settled_at",
                schema: "auctions",
                table: "registrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deposit_state",
                schema: "auctions",
                table: "registrations",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_registrations_deposit_payment_id",
                schema: "auctions",
                table: "registrations",
                column: "deposit_payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_deposit_state",
                schema: "auctions",
                table: "registrations",
                column: "deposit_state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_registrations_deposit_payment_id",
                schema: "auctions",
                table: "registrations");

            migrationBuilder.DropIndex(
                name: "ix_registrations_deposit_state",
                schema: "auctions",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_minor",
                schema: "auctions",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "deposit_minor",
                schema: "auctions",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_paid_at",
                schema: "auctions",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_payment_id",
                schema: "auctions",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_refund_id",
                schema: "auctions",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_settled_at",
                schema: "auctions",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_state",
                schema: "auctions",
                table: "registrations");
        }
    }
}
