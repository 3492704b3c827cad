using System.Globalization;
using ArtSouk.Kernel.Localization;

namespace ArtSouk.Kernel.Paging;

/// <summary>
/// Offset paging for small management lists (<c>limit</c>, and a <c>cursor</c> that is the next page number).
/// Public lists use keyset cursors instead; these lists are short and exactness beats scale.
/// </summary>
public readonly record struct OffsetPage(int Size, int Number)
{
    public int Skip => Number * Size;

    /// <summary>One more than the page, to learn whether another follows.</summary>
    public int Take => Size + 1;

    public static bool TryParse(int? limit, string? cursor, int defaultSize, int maxSize, out OffsetPage page)
    {
        var size = limit ?? defaultSize;
        var number = 0;
        page = new OffsetPage(size, number);
        if (size < 1 || size > maxSize || cursor is not null && (!int.TryParse(cursor, NumberStyles.Integer, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            return false;
        }
        page = new OffsetPage(size, number);
        return true;
    }

    /// <summary>Why <see cref="TryParse"/> refused a request, in its language.</summary>
    public static string Refusal(int maxSize, string locale) => locale == Locales.Arabic
        ? $"يجب أن يكون limit من 1 إلى {maxSize} وcursor قيمة next من صفحة سابقة"
        : $"limit must be 1..{maxSize} and cursor the 'next' value of a previous page";

    /// <summary>The cursor of the following page, given how many rows <see cref="Take"/> returned.</summary>
    public string? NextAfter(int fetched) => fetched > Size ? (Number + 1).ToString(CultureInfo.InvariantCulture) : null;
}
