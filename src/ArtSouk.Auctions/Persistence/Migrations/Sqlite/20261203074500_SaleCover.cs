using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Auctions.Persistence.Migrations.Sqlite
{
    /// <summary>A sale may name the entry whose picture is its cover (<c>coverEntryId</c>).</summary>
    [DbContext(typeof(SqliteAuctionsDbContext))]
    [Migration("20261203074500_SaleCover")]
    public partial class SaleCover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "cover_entry_id",
                table: "sales",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cover_entry_id",
                table: "sales");
        }
    }
}
