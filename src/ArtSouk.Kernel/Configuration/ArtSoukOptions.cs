using System.ComponentModel.DataAnnotations;

namespace ArtSouk.Kernel.Configuration;

/// <summary>The <c>ArtSouk</c> configuration section (environment: <c>ArtSouk__DataPath</c>, ...).</summary>
public sealed class ArtSoukOptions : IValidatableObject
{
    public const string Section = "ArtSouk";

    /// <summary>Folder for the SQLite file, search index, media and mail pickup; relative paths are under the working directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ArtSouk:DataPath must name a folder")]
    public string DataPath { get; set; } = ".artsouk-data";

    /// <summary>Seeds the bilingual demo content when the store is empty.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Where the content type JSON files live; defaults to <c>./content-types</c>, then the one shipped beside the binaries.</summary>
    public string? ContentTypesPath { get; set; }

    public AdminOptions Admin { get; set; } = new();

    /// <summary>
    /// The address people reach the site at (<c>https://artsouk.sa</c>), for links in e-mails. Without it links use the
    /// address of the request that caused the mail; set it in production, where that address comes from the client.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    public string FullDataPath => Path.GetFullPath(DataPath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Admin.Email is { } email && !new EmailAddressAttribute().IsValid(email))
        {
            yield return new ValidationResult($"ArtSouk:Admin:Email \"{email}\" is not an e-mail address", ["Admin.Email"]);
        }
        if (PublicUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"ArtSouk:PublicUrl \"{url}\" must be an absolute http(s) address", [nameof(PublicUrl)]);
        }
        if (string.IsNullOrWhiteSpace(Admin.Email) != string.IsNullOrWhiteSpace(Admin.Password))
        {
            yield return new ValidationResult("ArtSouk:Admin:Email and ArtSouk:Admin:Password go together: set both to create the first administrator, or neither", ["Admin"]);
        }
    }
}

public sealed class AdminOptions
{
    /// <summary>Creates this administrator when no user exists yet.</summary>
    public string? Email { get; set; }

    public string? Password { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> section: <c>Database__Provider=Postgres</c> and <c>Database__ConnectionString</c>.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite the file defaults to <c>{DataPath}/artsouk.db</c>.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Database:ConnectionString is required when Database:Provider is Postgres", [nameof(ConnectionString)]);
        }
    }
}
