using ArtSouk.Cms.ContentTypes;

namespace ArtSouk.Cms.Tests;

public sealed class ContentTypeLoaderTests
{
    private static readonly string Shipped = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../content-types"));

    [Fact]
    public void The_shipped_types_load()
    {
        var registry = ContentTypeLoader.Load(Shipped);
        Assert.Equal(["article", "artist", "artwork", "collection", "event", "gallery", "page", "workshop"], registry.All.Select(t => t.Name));
        var artwork = registry.Find("artwork")!;
        Assert.Equal(FieldKind.Reference, artwork.Field("artist")!.Kind);
        Assert.Equal(["artist"], artwork.Field("artist")!.To);
        Assert.Equal("العنوان", artwork.Field("title")!.Label.Ar);
    }

    [Theory]
    [InlineData("\"kind\": \"integer\"", "\"kind\": \"integr\"", "field 'birthYear' (/fields/4/kind): \"integr\" is not one of")]
    [InlineData("\"to\": [\n        \"gallery\"\n      ]", "\"to\": [\n        \"museum\"\n      ]", "field 'gallery' (to): \"museum\" is not a content type")]
    [InlineData("\"titleField\": \"name\"", "\"titleField\": \"birthYear\"", "titleField: field 'birthYear' must be a localized text field")]
    [InlineData("\"localized\": true,\n      \"required\": true", "\"localised\": true,\n      \"required\": true", "field 'name' (/fields/0/localised): 'localised' is not a known property")]
    [InlineData("\"min\": 1850", "\"min\": \"old\"", "field 'birthYear' (/fields/4/validation/min): must be of type number")]
    public void A_broken_file_is_reported_with_file_field_and_problem(string find, string replace, string expected)
    {
        var folder = Copy();
        var path = Path.Combine(folder, "artist.json");
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        var error = Assert.Throws<InvalidContentTypeException>(() => ContentTypeLoader.Load(folder));
        Assert.Contains("content-types/artist.json: " + expected, error.Message.Replace(Path.GetFileName(folder), "content-types", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_json_names_the_file_and_line()
    {
        var folder = Copy();
        File.WriteAllText(Path.Combine(folder, "event.json"), "{ \"name\": \"event\",\n  \"label\": }");
        var error = Assert.Throws<InvalidContentTypeException>(() => ContentTypeLoader.Load(folder));
        Assert.Contains("event.json: not valid JSON (line 2)", error.Message);
    }

    private static string Copy()
    {
        var folder = Directory.CreateTempSubdirectory("types-").FullName;
        foreach (var file in Directory.GetFiles(Shipped, "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }
}
