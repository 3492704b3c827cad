using System.Net;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;

namespace ArtSouk.Cms.Media;

/// <summary>Problem codes of the media library.</summary>
internal static class MediaProblems
{
    public static readonly ProblemCode Unreadable = new("image-unreadable", HttpStatusCode.UnprocessableEntity,
        new("تعذّرت قراءة الصورة: الملف تالف أو ليس صورة", "The image could not be decoded: the file is damaged or not an image"));

    public static readonly ProblemCode TooManyPixels = new("image-too-large", HttpStatusCode.UnprocessableEntity,
        new("أبعاد الصورة أكبر من المسموح", "The image has more pixels than allowed"));

    public static readonly ProblemCode InUse = new("media-in-use", HttpStatusCode.Conflict,
        new("الصورة مستخدمة في محتوى آخر", "The image is used by content"));
}

/// <summary>An upload or edit the media library refuses, with its problem and a detail in both locales.</summary>
internal sealed class MediaRejected(ProblemCode code, LocalizedText detail, IDictionary<string, string[]>? errors = null) : Exception(detail.En)
{
    public ProblemCode Code { get; } = code;

    public IDictionary<string, string[]>? Errors { get; } = errors;

    public string DetailIn(string locale) => detail.In(locale);

    public static MediaRejected NotAnImage() => new(ProblemCode.UnsupportedMedia, new(
        "يُقبل فقط JPEG وPNG وWebP وGIF",
        "Only JPEG, PNG, WebP and GIF images are accepted."));

    public static MediaRejected Unreadable(string contentType) => new(MediaProblems.Unreadable, new(
        $"يبدأ الملف كصورة {contentType} لكن تعذّر فك ترميزه",
        $"The file starts like {contentType} but does not decode as one."));

    public static MediaRejected TooManyPixels(int width, int height) => new(MediaProblems.TooManyPixels, new(
        $"الصورة {width}×{height} بكسل؛ الحد الأقصى {ImageDecoder.MaxPixels / 1_000_000} ميغابكسل",
        $"The image is {width} x {height} pixels; at most {ImageDecoder.MaxPixels / 1_000_000} megapixels are accepted."));
}
