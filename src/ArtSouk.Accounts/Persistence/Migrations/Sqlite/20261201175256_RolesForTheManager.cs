using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArtSouk.Accounts.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RolesForTheManager : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // editor became curator and member became collector: rename the roles in place, so every account keeps its rights.
            migrationBuilder.Sql("UPDATE roles SET name = 'curator', normalized_name = 'CURATOR' WHERE normalized_name = 'EDITOR';");
            migrationBuilder.Sql("UPDATE roles SET name = 'collector', normalized_name = 'COLLECTOR' WHERE normalized_name = 'MEMBER';");
            migrationBuilder.AddColumn<Guid>(
                name: "profile_entry_id",
                table: "users",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE roles SET name = 'editor', normalized_name = 'EDITOR' WHERE normalized_name = 'CURATOR';");
            migrationBuilder.Sql("UPDATE roles SET name = 'member', normalized_name = 'MEMBER' WHERE normalized_name = 'COLLECTOR';");
            migrationBuilder.DropColumn(
                name: "profile_entry_id",
                table: "users");
        }
    }
}
