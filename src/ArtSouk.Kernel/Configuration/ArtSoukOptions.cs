using System.ComponentModel.DataAnnotations;

namespace ArtSouk.Kernel.Configuration;

/// <summary>The <c>ArtSouk</c> configuration section (environment: <c>ArtSouk__DataPath</c>, ...).</summary>
public sealed class ArtSoukOptions
{
    public const string Section = "ArtSouk";

    /// <summary>Folder for the SQLite file, search index, media and mail pickup; relative paths are under the working directory.</summary>
    [Required]
    public string DataPath { get; set; } = ".artsouk-data";

    /// <summary>Seeds the bilingual demo content when the store is empty.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Where the content type JSON files live; defaults to <c>./content-types</c>, then the one shipped beside the binaries.</summary>
    public string? ContentTypesPath { get; set; }

    public AdminOptions Admin { get; set; } = new();

    public string FullDataPath => Path.GetFullPath(DataPath);
}

public sealed class AdminOptions
{
    /// <summary>Creates this administrator when no user exists yet.</summary>
    [EmailAddress]
    public string? Email { get; set; }

    public string? Password { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> section: <c>Database__Provider=Postgres</c> and <c>Database__ConnectionString</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite the file defaults to <c>{DataPath}/artsouk.db</c>.</summary>
    public string? ConnectionString { get; set; }
}
