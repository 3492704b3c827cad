using System.Security.Cryptography;
using System.Text;
using ArtSouk.Accounts.Persistence;
using Microsoft.AspNetCore.Identity;

namespace ArtSouk.Accounts.TwoFactor;

/// <summary>
/// Ten single-use codes that stand in for the authenticator when the phone is lost. Only their SHA-256 hashes are kept
/// (in the account's Identity tokens, like the authenticator key): a code is 50 random bits, so a plain hash is as
/// safe as a salted one and a copy of the table gives no code away. Identity's own recovery codes are stored in the
/// clear, which is why they are not used.
/// </summary>
internal sealed class RecoveryCodes(UserManager<User> users, IUserStore<User> store)
{
    public const int Count = 10;
    private const string Provider = "[ArtSouk]";
    private const string Name = "RecoveryCodeHashes";
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>Replaces the account's codes with new ones and returns them: the only time they are seen.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(User user, CancellationToken cancellationToken)
    {
        var codes = Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();
        await Tokens.SetTokenAsync(user, Provider, Name, string.Join(';', codes.Select(Hash)), cancellationToken);
        await users.UpdateAsync(user);
        return codes;
    }

    public async Task<int> LeftAsync(User user, CancellationToken cancellationToken) =>
        (await Tokens.GetTokenAsync(user, Provider, Name, cancellationToken))?.Split(';', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;

    public async Task ClearAsync(User user, CancellationToken cancellationToken) =>
        await Tokens.RemoveTokenAsync(user, Provider, Name, cancellationToken);

    /// <summary>
    /// Uses up <paramref name="code"/> if it is one of the account's; saved through the user's concurrency stamp, so two
    /// sign-ins racing with one code cannot both redeem it.
    /// </summary>
    public async Task<bool> RedeemAsync(User user, string code, CancellationToken cancellationToken)
    {
        var normalized = Normalize(code);
        if (normalized.Length != 10 || await Tokens.GetTokenAsync(user, Provider, Name, cancellationToken) is not { } stored)
        {
            return false;
        }
        var hashes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var wanted = Encoding.ASCII.GetBytes(Hash(normalized));
        var match = hashes.FindIndex(h => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), wanted));
        if (match < 0)
        {
            return false;
        }
        hashes.RemoveAt(match);
        await Tokens.SetTokenAsync(user, Provider, Name, string.Join(';', hashes), cancellationToken);
        return (await users.UpdateAsync(user)).Succeeded;
    }

    /// <summary>Whether <paramref name="code"/> has the shape of a recovery code rather than a six-digit authenticator code.</summary>
    public static bool LooksLikeOne(string code) => Normalize(code).Length == 10;

    private IUserAuthenticationTokenStore<User> Tokens => (IUserAuthenticationTokenStore<User>)store;

    private static string NewCode()
    {
        var chars = Enumerable.Range(0, 10).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray();
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    private static string Normalize(string code) =>
        code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToLowerInvariant();

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(Normalize(code))));
}
