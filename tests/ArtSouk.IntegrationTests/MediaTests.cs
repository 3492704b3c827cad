using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Media;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>The media library through HTTP: renditions, texts, focal point, where-used and deletes, on SQLite and PostgreSQL.</summary>
public abstract class MediaTests(HostFixture fixture)
{
    private HostFixture Host
    {
        get
        {
            if (fixture.SkipReason is { } reason)
            {
                Assert.Skip(reason);
            }
            return fixture;
        }
    }

    private HttpClient Admin => Host.Admin;
    private HttpClient Anonymous => Host.Anonymous;

    private async Task<JsonObject> UploadAsync(byte[] bytes, string fileName = "painting.png", string contentType = "image/png", string altAr = "لوحة", string altEn = "A painting")
    {
        using var form = TestImages.Form(bytes, fileName, contentType, altAr, altEn);
        var response = await Admin.PostAsync("/api/v1/manage/media", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static List<JsonObject> Renditions(JsonNode media) => media["renditions"]!.AsArray().Select(r => r!.AsObject()).ToList();

    private async Task<string> CreateAsync(string type, object fields)
    {
        var response = await Admin.PostAsJsonAsync($"/api/v1/manage/content/{type}", new { fields, publish = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private async Task<string> ArtistWithPortraitAsync(string mediaId) =>
        await CreateAsync("artist", new { name = new { ar = $"فنانة {Guid.NewGuid():N}", en = $"Artist {Guid.NewGuid():N}" }, portrait = mediaId });

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task An_upload_gets_a_webp_rendition_at_each_standard_width_the_original_reaches_and_at_its_own()
    {
        var media = await UploadAsync(TestImages.Png(1600, 1000));

        var renditions = Renditions(media);
        Assert.Equal([320, 640, 1280, 1600], renditions.Select(r => r["width"]!.GetValue<int>()));
        Assert.Equal([200, 400, 800, 1000], renditions.Select(r => r["height"]!.GetValue<int>()));
        Assert.Equal(["image/webp"], renditions.Select(r => r["contentType"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task Each_rendition_is_webp_bytes_that_decode_to_the_stated_size()
    {
        var media = await UploadAsync(TestImages.Jpeg(2400, 1200), "photo.jpg", "image/jpeg");

        var renditions = Renditions(media);
        Assert.Equal(5, renditions.Count);
        foreach (var rendition in renditions)
        {
            var response = await Anonymous.GetAsync(rendition["url"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
            Assert.Equal("WEBP"u8.ToArray(), bytes[8..12]);
            var (width, height, loader) = TestImages.Decode(bytes);
            Assert.StartsWith("webpload", loader, StringComparison.Ordinal);
            Assert.Equal((rendition["width"]!.GetValue<int>(), rendition["height"]!.GetValue<int>()), (width, height));
        }
    }

    [Fact]
    public async Task Renditions_are_never_wider_than_the_original()
    {
        var media = await UploadAsync(TestImages.Png(700, 300));

        Assert.Equal([320, 640, 700], Renditions(media).Select(r => r["width"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_original_narrower_than_320_gets_one_webp_at_its_own_width()
    {
        var media = await UploadAsync(TestImages.Png(200, 120));

        var only = Assert.Single(Renditions(media));
        Assert.Equal((200, 120), (only["width"]!.GetValue<int>(), only["height"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_webp_original_is_accepted_with_renditions()
    {
        var media = await UploadAsync(TestImages.WebP(1000, 500), "night.webp", "image/webp");

        Assert.Equal("image/webp", media["contentType"]!.GetValue<string>());
        Assert.Equal([320, 640, 1000], Renditions(media).Select(r => r["width"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_photo_turned_by_its_exif_orientation_is_measured_and_rendered_upright()
    {
        var media = await UploadAsync(TestImages.TurnedJpeg(800, 400), "phone.jpg", "image/jpeg");

        Assert.Equal((400, 800), (media["width"]!.GetValue<int>(), media["height"]!.GetValue<int>()));
        Assert.Equal([(320, 640), (400, 800)], Renditions(media).Select(r => (r["width"]!.GetValue<int>(), r["height"]!.GetValue<int>())));
    }

    [Fact]
    public async Task Originals_and_renditions_are_served_immutable()
    {
        var media = await UploadAsync(TestImages.Png(400, 300));
        var urls = Renditions(media).Select(r => r["url"]!.GetValue<string>()).Append(media["url"]!.GetValue<string>()).ToList();

        Assert.Equal(3, urls.Count);
        foreach (var url in urls)
        {
            var response = await Anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Rendition_urls_carry_a_content_hash()
    {
        var first = await UploadAsync(TestImages.Png(330, 330));
        var second = await UploadAsync(TestImages.Png(330, 331));

        var a = Renditions(first)[0]["url"]!.GetValue<string>();
        var b = Renditions(second)[0]["url"]!.GetValue<string>();
        Assert.Matches(@"-320w-[0-9a-f]{10}\.webp$", a);
        Assert.NotEqual(a[^15..], b[^15..]);
    }

    [Fact]
    public async Task The_upload_response_and_the_asset_list_the_same_renditions()
    {
        var media = await UploadAsync(TestImages.Png(800, 600));

        var stored = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/media/{media["id"]}"))!;
        Assert.Equal(3, Renditions(stored).Count);
        Assert.True(JsonNode.DeepEquals(media["renditions"], stored["renditions"]));
    }

    [Fact]
    public async Task Delivery_media_objects_carry_renditions()
    {
        var media = await UploadAsync(TestImages.Png(1300, 900));
        var artist = await ArtistWithPortraitAsync(media["id"]!.GetValue<string>());

        var delivered = (await Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{artist}?locale=en"))!;
        var portrait = delivered["fields"]!["portrait"]!;
        Assert.Equal(media["url"]!.GetValue<string>(), portrait["url"]!.GetValue<string>());
        Assert.Equal([320, 640, 1280, 1300], Renditions(portrait).Select(r => r["width"]!.GetValue<int>()));
        Assert.Equal(["image/webp"], Renditions(portrait).Select(r => r["contentType"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task Seeded_demo_images_have_renditions_in_delivery()
    {
        var seeded = await Anonymous.SeededAsync("artwork", "en", limit: 10);
        var images = seeded.SelectMany(i => i["fields"]!["images"]?.AsArray() ?? []).ToList();

        Assert.NotEmpty(images);
        Assert.DoesNotContain(images, i => Renditions(i!).Count == 0);
        Assert.DoesNotContain(images, i => Renditions(i!).Any(r => r["width"]!.GetValue<int>() > i!["width"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_png_signature_followed_by_garbage_is_refused_in_arabic()
    {
        using var form = TestImages.Form(TestImages.PngWithGarbage(), "fake.png");
        var problem = await ProblemAsync(await Admin.PostAsync("/api/v1/manage/media?locale=ar", form), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("image-unreadable", problem["code"]!.GetValue<string>());
        Assert.Equal("تعذّرت قراءة الصورة: الملف تالف أو ليس صورة", problem["title"]!.GetValue<string>());
        Assert.Contains("تعذّر فك ترميزه", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_png_signature_followed_by_garbage_is_refused_in_english()
    {
        using var form = TestImages.Form(TestImages.PngWithGarbage(), "fake.png");
        var problem = await ProblemAsync(await Admin.PostAsync("/api/v1/manage/media?locale=en", form), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("The image could not be decoded: the file is damaged or not an image", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_php_script_named_png_is_refused_with_415_in_both_languages()
    {
        var script = "<?php echo shell_exec($_GET['c']); ?>"u8.ToArray();
        using var arabic = TestImages.Form(script, "cat.png");
        using var english = TestImages.Form(script, "cat.png");

        var ar = await ProblemAsync(await Admin.PostAsync("/api/v1/manage/media", arabic), HttpStatusCode.UnsupportedMediaType);
        var en = await ProblemAsync(await Admin.PostAsync("/api/v1/manage/media?locale=en", english), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("نوع الملف غير مدعوم", ar["title"]!.GetValue<string>());
        Assert.Equal("This file type is not supported", en["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_before_it_is_decoded()
    {
        var bomb = TestImages.PngBomb(20_000, 20_000);
        Assert.True(bomb.Length < 100_000);
        using var form = TestImages.Form(bomb, "bomb.png");

        var problem = await ProblemAsync(await Admin.PostAsync("/api/v1/manage/media?locale=en", form), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("image-too-large", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_upload_leaves_nothing_in_the_library()
    {
        var before = (await Admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/media?q=refused-upload"))!["items"]!.AsArray().Count;
        using var form = TestImages.Form(TestImages.PngWithGarbage(), "refused-upload.png");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Admin.PostAsync("/api/v1/manage/media", form)).StatusCode);

        var after = (await Admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/media?q=refused-upload"))!["items"]!.AsArray().Count;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Alt_caption_credit_and_focal_point_round_trip_per_locale()
    {
        var media = await UploadAsync(TestImages.Png(400, 400));
        var edit = await Admin.PutAsJsonAsync($"/api/v1/manage/media/{media["id"]}", new
        {
            alt = new { ar = "امرأة تنسج السدو", en = "A woman weaving Sadu" },
            caption = new { ar = "نسيج السدو، ١٩٨٢", en = "Sadu weaving, 1982" },
            credit = new { ar = "تصوير: نورة", en = "Photo: Noura" },
            focalPoint = new { x = 0.25, y = 0.75 },
        });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var stored = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/media/{media["id"]}"))!;
        Assert.Equal("امرأة تنسج السدو", stored["alt"]!["ar"]!.GetValue<string>());
        Assert.Equal("Sadu weaving, 1982", stored["caption"]!["en"]!.GetValue<string>());
        Assert.Equal("تصوير: نورة", stored["credit"]!["ar"]!.GetValue<string>());
        Assert.Equal((0.25, 0.75), (stored["focalPoint"]!["x"]!.GetValue<double>(), stored["focalPoint"]!["y"]!.GetValue<double>()));
    }

    [Fact]
    public async Task An_absent_member_leaves_a_value_and_null_clears_it()
    {
        var media = await UploadAsync(TestImages.Png(400, 400));
        var url = $"/api/v1/manage/media/{media["id"]}";
        await Admin.PutAsJsonAsync(url, new { caption = new { ar = "تعليق", en = "Caption" }, focalPoint = new { x = 0.1, y = 0.2 } });

        var edited = await Admin.PutAsync(url, JsonContent.Create(JsonNode.Parse("""{ "caption": { "en": null }, "focalPoint": null }""")));
        var stored = (await edited.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("تعليق", null, "لوحة", "A painting"), (
            stored["caption"]!["ar"]?.GetValue<string>(), stored["caption"]!["en"]?.GetValue<string>(),
            stored["alt"]!["ar"]?.GetValue<string>(), stored["alt"]!["en"]?.GetValue<string>()));
        Assert.Null(stored["focalPoint"]);
    }

    [Fact]
    public async Task An_invalid_edit_is_a_400_naming_each_field_in_arabic()
    {
        var media = await UploadAsync(TestImages.Png(400, 400));
        var response = await Admin.PutAsync($"/api/v1/manage/media/{media["id"]}?locale=ar",
            JsonContent.Create(JsonNode.Parse("""{ "alt": { "fr": "x" }, "focalPoint": { "x": 1.5, "y": 0.5 }, "credit": 3, "colour": "red" }""")));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["alt.fr", "colour", "credit", "focalPoint.x"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("مطلوب، عدد من 0 إلى 1", errors["focalPoint.x"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_edit_is_explained_in_english_when_asked()
    {
        var media = await UploadAsync(TestImages.Png(400, 400));
        var response = await Admin.PutAsync($"/api/v1/manage/media/{media["id"]}?locale=en",
            JsonContent.Create(new { alt = new { en = new string('x', 501) } }));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("must be at most 500 characters", problem["errors"]!["alt.en"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Delivery_shows_edited_texts_and_focal_point_on_the_next_request_in_each_locale()
    {
        var media = await UploadAsync(TestImages.Png(700, 500));
        var artist = await ArtistWithPortraitAsync(media["id"]!.GetValue<string>());
        var before = (await Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{artist}?locale=ar"))!;
        Assert.Equal("لوحة", before["fields"]!["portrait"]!["alt"]!.GetValue<string>());

        var edit = await Admin.PutAsJsonAsync($"/api/v1/manage/media/{media["id"]}", new
        {
            alt = new { ar = "بورتريه الفنانة", en = "The artist's portrait" },
            credit = new { en = "Photo: Studio Najd" },
            focalPoint = new { x = 0.5, y = 0.3 },
        });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var ar = (await Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{artist}?locale=ar"))!["fields"]!["portrait"]!;
        var en = (await Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{artist}?locale=en"))!["fields"]!["portrait"]!;
        Assert.Equal(("بورتريه الفنانة", "The artist's portrait"), (ar["alt"]!.GetValue<string>(), en["alt"]!.GetValue<string>()));
        // No Arabic credit: it falls back to the English one, as localized fields do.
        Assert.Equal("Photo: Studio Najd", ar["credit"]!.GetValue<string>());
        Assert.Equal((0.5, 0.3), (en["focalPoint"]!["x"]!.GetValue<double>(), en["focalPoint"]!["y"]!.GetValue<double>()));
        Assert.Equal(3, Renditions(en).Count);
    }

    [Fact]
    public async Task Where_used_lists_each_entry_and_field_that_shows_the_asset()
    {
        var media = await UploadAsync(TestImages.Png(500, 500));
        var id = media["id"]!.GetValue<string>();
        var artist = await ArtistWithPortraitAsync(id);
        var article = await CreateAsync("article", new
        {
            title = new { ar = $"مقال {Guid.NewGuid():N}", en = $"Article {Guid.NewGuid():N}" },
            body = new { ar = new object[] { new { type = "image", media = id } }, en = new object[] { new { type = "paragraph", html = "<p>Text</p>" } } },
            cover = id,
        });

        var usage = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/media/{id}/usage?locale=en"))!["items"]!.AsArray();
        Assert.Equal([("article", article, "body,cover"), ("artist", artist, "portrait")], usage.Select(u => (
            u!["type"]!.GetValue<string>(), u["id"]!.GetValue<string>(), string.Join(',', u["fields"]!.AsArray().Select(f => f!.GetValue<string>())))));
        Assert.StartsWith("Artist ", usage[1]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unused_asset_has_no_usage()
    {
        var media = await UploadAsync(TestImages.Png(500, 500));

        var usage = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/media/{media["id"]}/usage"))!["items"]!.AsArray();
        Assert.Empty(usage);
    }

    [Fact]
    public async Task Deleting_an_image_in_use_is_a_409_naming_the_entry()
    {
        var media = await UploadAsync(TestImages.Png(500, 500));
        var artist = await ArtistWithPortraitAsync(media["id"]!.GetValue<string>());

        var problem = await ProblemAsync(await Admin.DeleteAsync($"/api/v1/manage/media/{media["id"]}?locale=ar"), HttpStatusCode.Conflict);
        Assert.Equal("media-in-use", problem["code"]!.GetValue<string>());
        Assert.Contains(artist, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("مستخدمة", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync(media["url"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task Deleting_an_unused_image_removes_it_with_its_rendition_files()
    {
        var media = await UploadAsync(TestImages.Png(900, 600));
        var folder = Path.Combine(Host.App.DataPath, "media", Guid.Parse(media["id"]!.GetValue<string>()).ToString("N"));
        Assert.Equal(4, Directory.GetFiles(folder).Length);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/manage/media/{media["id"]}")).StatusCode);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync(Renditions(media)[0]["url"]!.GetValue<string>())).StatusCode);
        await ProblemAsync(await Admin.GetAsync($"/api/v1/manage/media/{media["id"]}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_image_no_longer_used_can_be_deleted()
    {
        var media = await UploadAsync(TestImages.Png(500, 500));
        var artist = await ArtistWithPortraitAsync(media["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.DeleteAsync($"/api/v1/manage/media/{media["id"]}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/manage/content/artist/{artist}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/manage/media/{media["id"]}")).StatusCode);
    }

    [Fact]
    public async Task A_restored_version_showing_a_deleted_image_is_delivered_without_it()
    {
        var media = await UploadAsync(TestImages.Png(500, 500));
        var artist = await ArtistWithPortraitAsync(media["id"]!.GetValue<string>());
        var cleared = await Admin.PutAsync($"/api/v1/manage/content/artist/{artist}", JsonContent.Create(JsonNode.Parse("""{ "fields": { "portrait": null }, "publish": true }""")));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/manage/media/{media["id"]}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"/api/v1/manage/content/artist/{artist}/versions/1/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsJsonAsync($"/api/v1/manage/content/artist/{artist}/publish", new { })).StatusCode);

        var delivered = (await Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{artist}?locale=en"))!;
        Assert.NotNull(delivered["fields"]!["name"]);
        Assert.False(delivered["fields"]!.AsObject().ContainsKey("portrait"));
    }

    [Fact]
    public async Task Images_stored_before_renditions_existed_get_them_in_the_library_and_in_delivery()
    {
        var media = await UploadAsync(TestImages.Png(700, 500));
        var id = Guid.Parse(media["id"]!.GetValue<string>());
        var artist = await ArtistWithPortraitAsync(id.ToString());
        await using (var scope = Host.App.Services.CreateAsyncScope())
        {
            // As a store seeded before this change holds it: no renditions on the asset, its files or its media objects.
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            var asset = await db.Media.SingleAsync(m => m.Id == id);
            asset.Renditions = null;
            DeliveredMedia.Rewrite(await MediaUsage.RowsAsync(db, scope.ServiceProvider.GetRequiredService<SqlDialect>(), id, default), asset);
            await db.SaveChangesAsync();
            foreach (var webp in Directory.GetFiles(Path.Combine(Host.App.DataPath, "media", id.ToString("N")), "*.webp"))
            {
                File.Delete(webp);
            }
        }
        var before = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{artist}?locale=en"))!;
        Assert.Empty(Renditions(before["fields"]!["portrait"]!));

        await using (var scope = Host.App.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<RenditionBackfill>().RunAsync(default) >= 1);
        }

        var stored = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/media/{id}"))!;
        Assert.Equal([320, 640, 700], Renditions(stored).Select(r => r["width"]!.GetValue<int>()));
        var after = (await Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{artist}?locale=en"))!;
        Assert.True(JsonNode.DeepEquals(stored["renditions"], after["fields"]!["portrait"]!["renditions"]));
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync(Renditions(stored)[1]["url"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task The_library_pages_newest_first_and_finds_by_alt_text()
    {
        var word = $"q{Guid.NewGuid():N}"[..12];
        var older = await UploadAsync(TestImages.Png(340, 340), altEn: $"{word} older");
        var newer = await UploadAsync(TestImages.Png(340, 340), altAr: $"{word} أحدث");

        var first = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/media?q={word.ToUpperInvariant()}&limit=1"))!;
        var item = Assert.Single(first["items"]!.AsArray())!;
        Assert.Equal(newer["id"]!.GetValue<string>(), item["id"]!.GetValue<string>());
        Assert.Equal([320, 340], Renditions(item).Select(r => r["width"]!.GetValue<int>()));
        var second = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/media?q={word}&limit=1&cursor={first["next"]}"))!;
        Assert.Equal([older["id"]!.GetValue<string>()], second["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Null(second["next"]);
    }

    [Fact]
    public async Task A_limit_out_of_range_is_a_bad_query()
    {
        var problem = await ProblemAsync(await Admin.GetAsync("/api/v1/manage/media?limit=0&locale=ar"), HttpStatusCode.BadRequest);
        Assert.Equal("bad-query", problem["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("DELETE", "")]
    [InlineData("GET", "/usage")]
    public async Task An_unknown_asset_is_a_404_problem_in_english_when_asked(string method, string suffix)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/manage/media/{Guid.NewGuid()}{suffix}?locale=en");
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { alt = new { en = "x" } });
        }
        var problem = await ProblemAsync(await Admin.SendAsync(request), HttpStatusCode.NotFound);
        Assert.StartsWith("No media with id", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

[Collection("sqlite")]
public sealed class SqliteMediaTests(SqliteHost host) : MediaTests(host);

[Collection("postgres")]
public sealed class PostgresMediaTests(PostgresHost host) : MediaTests(host);
