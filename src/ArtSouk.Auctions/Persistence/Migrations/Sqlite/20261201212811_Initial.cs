using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Auctions.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "auctions_audit_log",
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
                    table.PrimaryKey("pk_auctions_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bids",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bidder_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    paddle = table.Column<long>(type: "INTEGER", nullable: false),
                    client_bid_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    amount_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    max_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    price_after_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    leading = table.Column<bool>(type: "INTEGER", nullable: false),
                    placed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    retracted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    retracted_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bids", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    starting_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    reserve_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    estimate_low_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    estimate_high_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    opens_at_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    price_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    leader_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    leader_paddle = table.Column<long>(type: "INTEGER", nullable: true),
                    leader_max_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    runner_up_max_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    bid_count = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    claim_token = table.Column<Guid>(type: "TEXT", nullable: true),
                    claimed_at_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    paddle = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bidder_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registrations", x => x.paddle);
                });

            migrationBuilder.CreateTable(
                name: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title_ar = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    description_ar = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    description_en = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: false),
                    bidders_need_approval = table.Column<bool>(type: "INTEGER", nullable: false),
                    soft_close_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    hard_stop_at = table.Column<long>(type: "INTEGER", nullable: true),
                    lot_interval_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    increments = table.Column<string>(type: "TEXT", nullable: false),
                    premium_tiers = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "watches",
                columns: table => new
                {
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_watches", x => new { x.lot_id, x.user_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_auctions_audit_log_at_id",
                table: "auctions_audit_log",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_auctions_audit_log_entity_id_at",
                table: "auctions_audit_log",
                columns: new[] { "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_auctions_audit_log_user_id_at",
                table: "auctions_audit_log",
                columns: new[] { "user_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_bids_lot_id_bidder_id_client_bid_id",
                table: "bids",
                columns: new[] { "lot_id", "bidder_id", "client_bid_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bids_lot_id_id",
                table: "bids",
                columns: new[] { "lot_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_lots_sale_id_number",
                table: "lots",
                columns: new[] { "sale_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lots_state_ends_at_ms",
                table: "lots",
                columns: new[] { "state", "ends_at_ms" });

            migrationBuilder.CreateIndex(
                name: "ix_registrations_sale_id_bidder_id",
                table: "registrations",
                columns: new[] { "sale_id", "bidder_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_starts_at",
                table: "sales",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_watches_user_id",
                table: "watches",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "auctions_audit_log");

            migrationBuilder.DropTable(
                name: "bids");

            migrationBuilder.DropTable(
                name: "lots");

            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropTable(
                name: "sales");

            migrationBuilder.DropTable(
                name: "watches");
        }
    }
}
