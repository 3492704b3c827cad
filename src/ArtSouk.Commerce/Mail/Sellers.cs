using System.Text.Json.Nodes;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Mail;

/// <summary>
/// Who answers for a work: the accounts linked to the artist or gallery it references, or, when no account speaks for
/// it, the curators and administrators.
/// </summary>
internal sealed class Sellers(ContentReader reader, UserManager<User> users)
{
    private static readonly string[] ReferenceFields = ["artist", "gallery", "artists"];

    public async Task<IReadOnlyList<User>> OfAsync(Guid entryId, CancellationToken ct)
    {
        var profiles = new List<Guid>();
        var items = await reader.GetManyAsync([entryId], Kernel.Localization.Locales.Arabic, preview: false, ct);
        if (items.TryGetValue(entryId, out var item) && JsonNode.Parse(item.FieldsJson) is JsonObject fields)
        {
            foreach (var name in ReferenceFields)
            {
                Collect(fields[name], profiles);
            }
        }
        if (profiles.Count > 0)
        {
            var linked = await users.Users.Where(u => u.ProfileEntryId != null && profiles.Contains(u.ProfileEntryId.Value) && u.DisabledAt == null && u.Email != null)
                .OrderBy(u => u.CreatedAt).ToListAsync(ct);
            if (linked.Count > 0)
            {
                return linked;
            }
        }
        var staff = (await users.GetUsersInRoleAsync(Roles.Curator)).Concat(await users.GetUsersInRoleAsync(Roles.Administrator));
        return staff.Where(u => u.DisabledAt is null && u.Email is not null).DistinctBy(u => u.Id).ToList();
    }

    /// <summary>A reference is written as the entry id, or expanded to an object with an <c>id</c>; a list holds either.</summary>
    private static void Collect(JsonNode? node, List<Guid> into)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id):
                into.Add(id);
                break;
            case JsonObject reference:
                Collect(reference["id"], into);
                break;
            case JsonArray list:
                foreach (var element in list)
                {
                    Collect(element, into);
                }
                break;
        }
    }
}
