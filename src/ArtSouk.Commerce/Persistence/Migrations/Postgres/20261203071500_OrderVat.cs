using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Commerce.Persistence.Migrations.Postgres
{
    /// <summary>
    /// An order fixes the VAT its total holds (<c>vat_minor</c>), which its invoice prints. Orders already made were all
    /// priced VAT-inclusive by the invoice's rule (total × 15 / 115, rounded half away from zero), so they are filled
    /// with it; a won lot's order from now on holds VAT on the buyer's premium only.
    /// </summary>
    [DbContext(typeof(PostgresCommerceDbContext))]
    [Migration("20261203071500_OrderVat")]
    public partial class OrderVat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "vat_minor",
                schema: "commerce",
                table: "orders",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql("UPDATE commerce.orders SET vat_minor = (total_minor * 30 + 115) / 230;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "vat_minor",
                schema: "commerce",
                table: "orders");
        }
    }
}
