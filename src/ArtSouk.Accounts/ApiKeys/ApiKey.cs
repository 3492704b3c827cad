using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ArtSouk.Accounts.ApiKeys;

/// <summary>
/// A scoped key for headless clients, sent as <c>Authorization: Bearer ask_{prefix}_{secret}</c>. Only a hash is
/// stored; the key is shown once, when created.
/// </summary>
internal sealed class ApiKey
{
    public const string Marker = "ask_";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required string Hash { get; init; }

    /// <summary>Comma-separated: delivery, preview, manage.</summary>
    public required string Scopes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static (ApiKey Key, string Secret) Create(string name, IEnumerable<string> scopes, string? createdBy, DateTimeOffset now)
    {
        var prefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var full = $"{Marker}{prefix}_{secret}";
        return (new ApiKey { Name = name, Prefix = prefix, Hash = HashOf(full), Scopes = string.Join(',', scopes), CreatedAt = now, CreatedBy = createdBy }, full);
    }

    public static string? PrefixOf(string presented)
    {
        if (!presented.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }
        var end = presented.IndexOf('_', Marker.Length);
        return end > Marker.Length ? presented[Marker.Length..end] : null;
    }

    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(presented)), Encoding.ASCII.GetBytes(Hash));

    private static string HashOf(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
}
