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
    public void A_missing_required_property_is_named_at_the_object_that_lacks_it()
    {
        var problems = Problems("\"route\": \"artists\",\n", "");
        Assert.Equal(["content-types/artist.json: (root): 'route' is required"], problems);
    }

    [Fact]
    public void A_property_required_only_for_some_kinds_is_named_for_the_field()
    {
        var problems = Problems("\"kind\": \"integer\"", "\"kind\": \"reference\"");
        Assert.Equal(["content-types/artist.json: field 'birthYear' (/fields/4): 'to' is required"], problems);
    }

    [Fact]
    public void A_value_outside_an_enum_is_reported_once_with_the_allowed_values()
    {
        var problems = Problems("\"kind\": \"integer\"", "\"kind\": \"integr\"");
        Assert.Equal(
            ["content-types/artist.json: field 'birthYear' (/fields/4/kind): \"integr\" is not one of \"text\", \"richtext\", \"integer\", "
                + "\"decimal\", \"boolean\", \"date\", \"datetime\", \"enum\", \"media\", \"reference\", \"blocks\", \"location\""],
            problems);
    }

    [Fact]
    public void An_unknown_property_is_reported_once_at_its_own_path()
    {
        var problems = Problems("\"route\": \"artists\",", "\"route\": \"artists\",\n  \"colour\": \"red\",");
        Assert.Equal(["content-types/artist.json: /colour: 'colour' is not a known property"], problems);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_expected_type_and_what_was_found()
    {
        var problems = Problems("\"min\": 1850", "\"min\": \"old\"");
        Assert.Equal(["content-types/artist.json: field 'birthYear' (/fields/4/validation/min): must be of type number, found \"old\""], problems);
    }

    [Fact]
    public void Several_problems_in_one_file_are_each_reported_once()
    {
        var problems = Problems("\"requiredLocales\": [\n    \"ar\"\n  ]", "\"requiredLocales\": [\"ar\", \"ar\", \"fr\"]");
        Assert.Equal(
            [
                "content-types/artist.json: /requiredLocales/1: repeats \"ar\"",
                "content-types/artist.json: /requiredLocales/2: \"fr\" is not one of \"ar\", \"en\"",
            ],
            problems);
    }

    [Fact]
    public void A_pattern_that_dotnet_cannot_compile_is_rejected()
    {
        var problems = Problems("\"pattern\": \"^https?://\"", "\"pattern\": \"[a-\"");
        var problem = Assert.Single(problems);
        Assert.StartsWith("content-types/artist.json: field 'website' (/fields/8/validation/pattern): is not a valid regular expression: ", problem);
    }

    [Fact]
    public void A_pattern_only_dotnet_understands_is_accepted_because_entries_are_checked_with_dotnet()
    {
        var folder = Copy();
        var path = Path.Combine(folder, "artist.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"pattern\": \"^https?://\"", "\"pattern\": \"^\\\\p{IsArabic}\"", StringComparison.Ordinal));
        Assert.Equal(@"^\p{IsArabic}", ContentTypeLoader.Load(folder).Find("artist")!.Field("website")!.Validation.Pattern);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_line()
    {
        var folder = Copy();
        File.WriteAllText(Path.Combine(folder, "event.json"), "{ \"name\": \"event\",\n  \"label\": }");
        var error = Assert.Throws<InvalidContentTypeException>(() => ContentTypeLoader.Load(folder));
        Assert.Contains("event.json: not valid JSON (line 2)", error.Message);
    }

    /// <summary>Edits the shipped artist.json once and returns the lines of the start-up error.</summary>
    private static List<string> Problems(string find, string replace)
    {
        var folder = Copy();
        var path = Path.Combine(folder, "artist.json");
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        var error = Assert.Throws<InvalidContentTypeException>(() => ContentTypeLoader.Load(folder));
        return error.Message.Replace(Path.GetFileName(folder), "content-types", StringComparison.Ordinal)
            .Split(Environment.NewLine).Skip(1).Select(line => line.Trim()).ToList();
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
