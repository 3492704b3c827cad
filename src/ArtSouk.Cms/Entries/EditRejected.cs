using ArtSouk.Kernel.Problems;

namespace ArtSouk.Cms.Entries;

/// <summary>An edit the CMS refuses; management handlers return it as a typed problem result and nothing is stored.</summary>
internal sealed class EditRejected(ProblemCode code, string? detail = null, string? arabicDetail = null, IDictionary<string, string[]>? errors = null)
    : Exception(detail ?? code.Code)
{
    public ProblemCode Code { get; } = code;
    public IDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>The detail in the caller's language.</summary>
    public string? DetailIn(string locale) => locale == Kernel.Localization.Locales.Arabic && arabicDetail is not null ? arabicDetail : detail;
}
