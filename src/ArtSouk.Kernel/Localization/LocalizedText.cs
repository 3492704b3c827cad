namespace ArtSouk.Kernel.Localization;

/// <summary>A short text in both locales, e.g. a label or an error title.</summary>
public sealed record LocalizedText(string Ar, string En)
{
    public string In(string locale) => locale == Locales.English ? En : Ar;
}
