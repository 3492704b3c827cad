using ArtSouk.Kernel.Localization;
using ArtSouk.Manager.Api;

namespace ArtSouk.Manager.Editing;

public enum TranslationState
{
    Filled,
    Missing,
    Outdated,
    FallsBack,
    Empty,
}

/// <summary>
/// A localized field's state in one locale: what the manage API reported for the saved entry (missing, outdated),
/// refined by the draft on screen (a value typed since is no longer missing; an empty one shows the other locale's).
/// </summary>
public static class FieldStatus
{
    public static TranslationState Of(FieldModel field, string locale, EntryDraft draft, EntryModel? saved)
    {
        var here = draft.Get(field, locale);
        var other = draft.Get(field, Locales.Other(locale));
        if (EntryDraft.IsEmpty(here))
        {
            var reportedMissing = saved?.StatusIn(locale).MissingFields.Contains(field.Name) == true;
            if (field.Required || reportedMissing)
            {
                return TranslationState.Missing;
            }
            return EntryDraft.IsEmpty(other) ? TranslationState.Empty : TranslationState.FallsBack;
        }
        // Reported outdated, and not touched since: the other locale changed after this one was last written.
        var untouched = saved is not null && System.Text.Json.Nodes.JsonNode.DeepEquals(here, (saved.Fields[field.Name] as System.Text.Json.Nodes.JsonObject)?[locale]);
        return untouched && saved!.StatusIn(locale).OutdatedFields.Contains(field.Name) ? TranslationState.Outdated : TranslationState.Filled;
    }
}
