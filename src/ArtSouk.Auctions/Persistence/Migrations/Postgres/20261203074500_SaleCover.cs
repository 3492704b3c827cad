using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Auctions.Persistence.Migrations.Postgres
{
    /// <summary>A sale may name the entry whose picture is its cover (<c>coverEntryId</c>).</summary>
    [DbContext(typeof(PostgresAuctionsDbContext))]
    [Migration("20261203074500_SaleCover")]
    public partial class SaleCover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "cover_entry_id",
                schema: "auctions",
                table: "sales",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cover_entry_id",
                schema: "auctions",
                table: "sales");
        }
    }
}
