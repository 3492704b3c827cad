using System.Globalization;

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

    /// <summary>The cursor of the following page, given how many rows <see cref="Take"/> returned.</summary>
    public string? NextAfter(int fetched) => fetched > Size ? (Number + 1).ToString(CultureInfo.InvariantCulture) : null;
}
