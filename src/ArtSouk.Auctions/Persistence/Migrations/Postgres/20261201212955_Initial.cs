using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ArtSouk.Auctions.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "auctions");

            migrationBuilder.CreateTable(
                name: "auctions_audit_log",
                schema: "auctions",
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
                    table.PrimaryKey("pk_auctions_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bids",
                schema: "auctions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bidder_id = table.Column<Guid>(type: "uuid", nullable: false),
                    paddle = table.Column<long>(type: "bigint", nullable: false),
                    client_bid_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    max_minor = table.Column<long>(type: "bigint", nullable: false),
                    price_after_minor = table.Column<long>(type: "bigint", nullable: false),
                    leading = table.Column<bool>(type: "boolean", nullable: false),
                    placed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retracted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bids", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lots",
                schema: "auctions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sale_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starting_minor = table.Column<long>(type: "bigint", nullable: false),
                    reserve_minor = table.Column<long>(type: "bigint", nullable: true),
                    estimate_low_minor = table.Column<long>(type: "bigint", nullable: true),
                    estimate_high_minor = table.Column<long>(type: "bigint", nullable: true),
                    opens_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    ends_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    price_minor = table.Column<long>(type: "bigint", nullable: false),
                    leader_id = table.Column<Guid>(type: "uuid", nullable: true),
                    leader_paddle = table.Column<long>(type: "bigint", nullable: true),
                    leader_max_minor = table.Column<long>(type: "bigint", nullable: false),
                    runner_up_max_minor = table.Column<long>(type: "bigint", nullable: false),
                    bid_count = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    claim_token = table.Column<Guid>(type: "uuid", nullable: true),
                    claimed_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registrations",
                schema: "auctions",
                columns: table => new
                {
                    paddle = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sale_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bidder_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registrations", x => x.paddle);
                });

            migrationBuilder.CreateTable(
                name: "sales",
                schema: "auctions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title_ar = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    title_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description_ar = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    description_en = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    bidders_need_approval = table.Column<bool>(type: "boolean", nullable: false),
                    soft_close_minutes = table.Column<int>(type: "integer", nullable: false),
                    hard_stop_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lot_interval_seconds = table.Column<int>(type: "integer", nullable: false),
                    increments = table.Column<string>(type: "text", nullable: false),
                    premium_tiers = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "watches",
                schema: "auctions",
                columns: table => new
                {
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_watches", x => new { x.lot_id, x.user_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_auctions_audit_log_at_id",
                schema: "auctions",
                table: "auctions_audit_log",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_auctions_audit_log_entity_id_at",
                schema: "auctions",
                table: "auctions_audit_log",
                columns: new[] { "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_auctions_audit_log_user_id_at",
                schema: "auctions",
                table: "auctions_audit_log",
                columns: new[] { "user_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_bids_lot_id_bidder_id_client_bid_id",
                schema: "auctions",
                table: "bids",
                columns: new[] { "lot_id", "bidder_id", "client_bid_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bids_lot_id_id",
                schema: "auctions",
                table: "bids",
                columns: new[] { "lot_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_lots_sale_id_number",
                schema: "auctions",
                table: "lots",
                columns: new[] { "sale_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lots_state_ends_at_ms",
                schema: "auctions",
                table: "lots",
                columns: new[] { "state", "ends_at_ms" });

            migrationBuilder.CreateIndex(
                name: "ix_registrations_sale_id_bidder_id",
                schema: "auctions",
                table: "registrations",
                columns: new[] { "sale_id", "bidder_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_starts_at",
                schema: "auctions",
                table: "sales",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_watches_user_id",
                schema: "auctions",
                table: "watches",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "auctions_audit_log",
                schema: "auctions");

            migrationBuilder.DropTable(
                name: "bids",
                schema: "auctions");

            migrationBuilder.DropTable(
                name: "lots",
                schema: "auctions");

            migrationBuilder.DropTable(
                name: "registrations",
                schema: "auctions");

            migrationBuilder.DropTable(
                name: "sales",
                schema: "auctions");

            migrationBuilder.DropTable(
                name: "watches",
                schema: "auctions");
        }
    }
}
