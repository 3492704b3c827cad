using System.Globalization;
using ArtSouk.Themes.Souk.Content;

namespace ArtSouk.Themes.Souk;

/// <summary>schema.org descriptions of pages: Person, VisualArtwork, Event, BreadcrumbList, WebSite.</summary>
internal static class JsonLd
{
    private const string Context = "https://schema.org";

    public static object Website(SitePage page) => new Dictionary<string, object?>
    {
        ["@context"] = Context,
        ["@type"] = "WebSite",
        ["name"] = page.T.Say("سوق الفن", "Art Souk"),
        ["url"] = page.Absolute(page.Path),
        ["inLanguage"] = page.Locale,
    };

    public static object Breadcrumbs(SitePage page) => new Dictionary<string, object?>
    {
        ["@context"] = Context,
        ["@type"] = "BreadcrumbList",
        ["itemListElement"] = page.Crumbs.Select((c, i) => new Dictionary<string, object?>
        {
            ["@type"] = "ListItem",
            ["position"] = i + 1,
            ["name"] = c.Name,
            ["item"] = page.Absolute(c.Path),
        }).ToList(),
    };

    public static object? For(SitePage page, SiteEntry e, IReadOnlyDictionary<Guid, SiteEntry> lookup)
    {
        string? Image(SiteMedia? m) => m is null ? null : page.Origin + m.Url;
        Dictionary<string, object?>? Person(Guid? id) => id is { } g && lookup.GetValueOrDefault(g) is { } a
            ? new() { ["@type"] = "Person", ["name"] = a.Title, ["url"] = page.Absolute(a.Path) } : null;
        Dictionary<string, object?>? Place(Guid? id, string? city) => id is { } g && lookup.GetValueOrDefault(g) is { } v
            ? new() { ["@type"] = "Place", ["name"] = v.Title, ["address"] = v.Text("address") ?? v.Text("city") ?? city }
            : city is null ? null : new() { ["@type"] = "Place", ["name"] = city, ["address"] = city };
        Dictionary<string, object?> thing = new()
        {
            ["@context"] = Context,
            ["name"] = e.Title,
            ["url"] = page.Absolute(e.Path),
            ["inLanguage"] = e.Locale,
        };
        switch (e.Type.Name)
        {
            case "artist":
                thing["@type"] = "Person";
                thing["image"] = Image(e.Media("portrait"));
                thing["nationality"] = e.Text("nationality");
                thing["homeLocation"] = e.Text("city") is { } city ? new Dictionary<string, object?> { ["@type"] = "Place", ["name"] = city } : null;
                thing["birthDate"] = e.Whole("birthYear")?.ToString(CultureInfo.InvariantCulture);
                thing["description"] = page.Description;
                thing["sameAs"] = e.Text("website");
                thing["jobTitle"] = page.T.Say("فنان", "Artist");
                break;
            case "artwork":
                thing["@type"] = "VisualArtwork";
                thing["image"] = e.MediaList("images").Select(Image).ToList();
                thing["creator"] = Person(e.Ref("artist"));
                thing["dateCreated"] = e.Whole("year")?.ToString(CultureInfo.InvariantCulture);
                thing["artMedium"] = e.Text("medium");
                thing["artform"] = e.OptionLabel("category", e.Text("category"));
                thing["size"] = e.Text("dimensions");
                thing["artEdition"] = e.Text("edition");
                thing["description"] = page.Description;
                break;
            case "event" or "workshop":
                var start = e.Instant("startsAt");
                var end = e.Instant("endsAt") ?? (start is { } s && e.Whole("durationMinutes") is { } minutes ? s.AddMinutes(minutes) : null);
                thing["@type"] = e.Type.Name == "workshop" ? "EducationEvent" : "ExhibitionEvent";
                thing["startDate"] = start?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                thing["endDate"] = end?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                thing["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode";
                thing["eventStatus"] = "https://schema.org/EventScheduled";
                thing["location"] = Place(e.Ref("venue"), e.Text("city"));
                thing["image"] = Image(e.Media("cover"));
                thing["description"] = page.Description;
                thing["performer"] = e.Refs(e.Type.Name == "workshop" ? "instructor" : "artists").Select(id => Person(id)).OfType<object>().ToList();
                break;
            case "gallery":
                thing["@type"] = "ArtGallery";
                thing["address"] = e.Text("address");
                thing["image"] = Image(e.Media("logo"));
                thing["sameAs"] = e.Text("website");
                break;
            case "article":
                thing["@type"] = "Article";
                thing["headline"] = e.Title;
                thing["author"] = e.Text("author") is { } author ? new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = author } : null;
                thing["datePublished"] = e.Text("publishedOn");
                thing["image"] = Image(e.Media("cover"));
                break;
            default:
                return null;
        }
        foreach (var key in thing.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            thing.Remove(key);
        }
        return thing;
    }
}
