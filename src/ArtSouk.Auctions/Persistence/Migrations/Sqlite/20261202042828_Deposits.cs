using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Auctions.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Deposits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "deposit_minor",
                table: "sales",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "deposit_minor",
                table: "registrations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "deposit_paid_at",
                table: "registrations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deposit_payment_id",
                table: "registrations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deposit_refund_id",
                table: "registrations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "deposit_settled_at",
                table: "registrations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deposit_state",
                table: "registrations",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_registrations_deposit_payment_id",
                table: "registrations",
                column: "deposit_payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_deposit_state",
                table: "registrations",
                column: "deposit_state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_registrations_deposit_payment_id",
                table: "registrations");

            migrationBuilder.DropIndex(
                name: "ix_registrations_deposit_state",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_minor",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "deposit_minor",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_paid_at",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_payment_id",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_refund_id",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_settled_at",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "deposit_state",
                table: "registrations");
        }
    }
}
