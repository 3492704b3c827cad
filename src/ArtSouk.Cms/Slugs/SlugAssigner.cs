using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Slugs;

/// <summary>Gives entries their per-locale slugs and keeps the old ones as redirects, inside the editor's unit of work.</summary>
internal sealed class SlugAssigner(CmsDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Keeps current slugs unless the editor sets one; a changed slug leaves the old one as a redirect. A locale that
    /// has never been live follows its own title (an English slug first derived from the Arabic title becomes the
    /// English one once there is an English title), and its earlier slug is dropped, since no link can point at it.
    /// </summary>
    public async Task<JsonObject> AssignAsync(ContentType type, Guid entryId, JsonObject fields, JsonObject current,
        JsonObject? requested, HashSet<string> liveLocales, string messageLocale, CancellationToken ct)
    {
        var result = (JsonObject)current.DeepClone();
        foreach (var locale in Locales.All)
        {
            var explicitSlug = requested?[locale]?.GetValueKind() == JsonValueKind.String ? requested[locale]!.GetValue<string>() : null;
            var currentSlug = current[locale]?.GetValue<string>();
            var titles = fields[type.TitleField] as JsonObject;
            var ownTitle = titles?[locale]?.GetValue<string>();
            string? wanted;
            if (explicitSlug is not null)
            {
                wanted = Slug.Normalize(explicitSlug);
                if (wanted.Length == 0)
                {
                    throw new EditRejected(ProblemCode.ValidationFailed, $"slug.{locale} has no letters or digits", $"المعرّف النصي slug.{locale} لا يحتوي على حروف أو أرقام",
                        new Dictionary<string, string[]> { [$"slug.{locale}"] = [messageLocale == Locales.English ? "must contain letters or digits" : "يجب أن يحتوي على حروف أو أرقام"] });
                }
            }
            else if (currentSlug is not null && (liveLocales.Contains(locale) || ownTitle is null
                || Slug.Normalize(ownTitle) is var own && (own.Length == 0 || currentSlug == own || currentSlug.StartsWith(own + "-", StringComparison.Ordinal))))
            {
                continue;
            }
            else
            {
                var title = ownTitle ?? titles?[Locales.Other(locale)]?.GetValue<string>();
                var generated = title is null ? "" : Slug.Normalize(title);
                if (generated.Length == 0)
                {
                    continue;
                }
                wanted = await Slug.UniqueAsync(generated, candidate => IsTakenAsync(type.Name, locale, candidate, entryId, ct));
            }
            if (currentSlug == wanted)
            {
                continue;
            }
            var existing = await db.Slugs.SingleOrDefaultAsync(s => s.Type == type.Name && s.Locale == locale && s.Value == wanted, ct);
            if (existing is { IsCurrent: true } && existing.EntryId != entryId)
            {
                throw new EditRejected(ProblemCode.SlugTaken, $"\"{wanted}\" is already the {locale} slug of another {type.Name}.", $"«{wanted}» هو المعرّف النصي ({locale}) لمحتوى آخر من نوع {type.Name}",
                    new Dictionary<string, string[]> { [$"slug.{locale}"] = [messageLocale == Locales.English ? $"\"{wanted}\" is taken" : $"«{wanted}» مستخدم"] });
            }
            var now = clock.GetUtcNow();
            if (currentSlug is not null)
            {
                var previous = await db.Slugs.SingleOrDefaultAsync(s => s.Type == type.Name && s.Locale == locale && s.Value == currentSlug, ct);
                if (previous is not null && !liveLocales.Contains(locale))
                {
                    db.Slugs.Remove(previous);
                }
                else
                {
                    previous?.IsCurrent = false;
                }
            }
            if (existing is null)
            {
                db.Slugs.Add(new SlugRecord { Type = type.Name, Locale = locale, Value = wanted, EntryId = entryId, IsCurrent = true, CreatedAt = now });
            }
            else
            {
                // Our own old slug comes back, or another entry's retired redirect is taken over.
                existing.EntryId = entryId;
                existing.IsCurrent = true;
                existing.CreatedAt = now;
            }
            result[locale] = wanted;
        }
        return result;
    }

    /// <summary>
    /// Gives an entry back from the trash its slugs: each one it had, or the next free variant when another entry took
    /// it meanwhile. The trash dropped its slug rows, so links to it 404 rather than reach a deleted entry.
    /// </summary>
    public async Task<JsonObject> ReclaimAsync(ContentType type, Guid entryId, JsonObject previous, CancellationToken ct)
    {
        var result = new JsonObject();
        foreach (var locale in Locales.All)
        {
            if (previous[locale]?.GetValue<string>() is not { } wanted)
            {
                continue;
            }
            var value = await Slug.UniqueAsync(wanted, candidate => IsTakenAsync(type.Name, locale, candidate, entryId, ct));
            var existing = await db.Slugs.SingleOrDefaultAsync(s => s.Type == type.Name && s.Locale == locale && s.Value == value, ct);
            if (existing is null)
            {
                db.Slugs.Add(new SlugRecord { Type = type.Name, Locale = locale, Value = value, EntryId = entryId, IsCurrent = true, CreatedAt = clock.GetUtcNow() });
            }
            else
            {
                // Another entry's retired redirect: the restored entry's own address wins over it.
                existing.EntryId = entryId;
                existing.IsCurrent = true;
                existing.CreatedAt = clock.GetUtcNow();
            }
            result[locale] = value;
        }
        return result;
    }

    private async Task<bool> IsTakenAsync(string type, string locale, string slug, Guid entryId, CancellationToken ct) =>
        db.ChangeTracker.Entries<SlugRecord>().Any(e => e.State != EntityState.Deleted && e.Entity.Type == type && e.Entity.Locale == locale && e.Entity.Value == slug && e.Entity.EntryId != entryId)
        || await db.Slugs.AnyAsync(s => s.Type == type && s.Locale == locale && s.Value == slug && s.EntryId != entryId && s.IsCurrent, ct);
}
