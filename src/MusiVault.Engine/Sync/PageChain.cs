using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Sync;

/// <summary>
/// The rules for how the pages of one read follow each other. A read is complete only when its last page (no next)
/// ends exactly at the total Spotify gave; everything else is a failed read:
/// a page that names a next page but holds no items (a read that would end early), a next that points to the same
/// offset or backwards (a loop), a total that shrinks while we read (items shifted past us: we may have missed some),
/// a chain that runs past the total plus a margin, or past the hard cap (an endless chain), a cursor seen before.
/// Growth of the total during the read is allowed up to the margin: new items shift others to later pages, where
/// the reader sees them twice (the first sighting wins), never misses them.
/// <c>requireComplete: false</c> (top items, whose total Spotify does not keep exact) still refuses loops and endless chains.
/// </summary>
internal sealed class PageChain(int maxItems, bool requireComplete = true)
{
    public const string FailedReadId = "SpotifyPagesInvalid";

    private readonly HashSet<string> _cursors = new(StringComparer.Ordinal);
    private int? _firstTotal;
    private int? _lastTotal;
    private int _pages;
    private int _itemsRead;

    /// <summary>The furthest position a read may reach: the first total plus a margin, never past the hard cap.</summary>
    public int Limit => _firstTotal is { } total ? (int)Math.Min(maxItems, (long)total + Margin(total)) : maxItems;

    /// <summary>Room for items added while the read runs: a tenth of the collection, at least a few pages.</summary>
    public static int Margin(int total) => Math.Max(10 * PageReader.PageSize, total / 10);

    /// <summary>
    /// A read that failed because of what Spotify answered (not because it could not be reached): the collection
    /// (or the one playlist) is skipped for this run with a warning, the rest of the sync goes on.
    /// </summary>
    public static bool IsFailedRead(Exception ex) =>
        ex is MusiVaultException { ErrorId: FailedReadId or "SpotifyResponseInvalid" or "PlaylistItemsRefused" };

    public static MusiVaultException Failed(string message) =>
        new(FailedReadId, ErrorKind.InvalidResult, message + " The read is treated as failed: nothing is marked removed.");

    /// <summary>Checks one offset page, read at <paramref name="offset"/>; returns it for use.</summary>
    public SpotifyPage<T> Offset<T>(SpotifyPage<T> page, int offset)
    {
        Totals(page);
        var end = offset + page.RawItemCount;
        if (page.HasNext)
        {
            if (page.RawItemCount == 0)
            {
                throw Failed($"Spotify's page at offset {offset} holds no items but names a next page.");
            }
            var next = page.NextOffset ?? end;
            if (next <= offset)
            {
                throw Failed($"Spotify's page at offset {offset} names offset {next} as the next page: the chain loops.");
            }
            if (next >= Limit)
            {
                throw Failed(_firstTotal is { } t
                    ? $"Spotify's pages go on past offset {next}, far beyond the {t} items the collection holds: an endless chain."
                    : $"Spotify's pages go on past {Limit} items, the most one read takes: an endless chain.");
            }
            return page;
        }
        if (requireComplete && page.Total is { } total && end != total)
        {
            throw Failed(end < total
                ? $"Spotify's pages ended after {end} of {total} items: the read ended early."
                : $"Spotify's pages held {end} items where the total says {total}.");
        }
        return page;
    }

    /// <summary>Checks one cursor page (a new cursor every time; the item count agrees with the total at the end).</summary>
    public SpotifyPage<T> Cursor<T>(SpotifyPage<T> page)
    {
        Totals(page);
        _itemsRead += page.RawItemCount;
        if (page.HasNext)
        {
            if (page.RawItemCount == 0 || string.IsNullOrEmpty(page.CursorAfter))
            {
                throw Failed("Spotify's cursor page names a next page but holds no items or no cursor: the read would end early.");
            }
            if (!_cursors.Add(page.CursorAfter))
            {
                throw Failed($"Spotify's cursor '{page.CursorAfter}' came back: the chain loops.");
            }
            if (_itemsRead >= Limit)
            {
                throw Failed($"Spotify's cursor pages go on past {_itemsRead} items: an endless chain.");
            }
            return page;
        }
        if (requireComplete && page.Total is { } total && _itemsRead != total)
        {
            throw Failed($"Spotify's cursor pages held {_itemsRead} items where the total says {total}: the read is incomplete.");
        }
        return page;
    }

    private void Totals<T>(SpotifyPage<T> page)
    {
        if (page.RawItemCount > 2 * PageReader.PageSize)
        {
            throw Failed($"Spotify sent {page.RawItemCount} items on one page, more than the {PageReader.PageSize} asked for.");
        }
        if (++_pages > maxItems / PageReader.PageSize + 1)
        {
            throw Failed($"Spotify's pages went on for {_pages} pages: an endless chain.");
        }
        if (_pages == 1)
        {
            _firstTotal = page.Total;
        }
        else if (page.Total is { } now && _lastTotal is { } before)
        {
            if (now < before)
            {
                throw Failed($"The collection shrank from {before} to {now} items while it was read, so some may have been skipped.");
            }
            if (_firstTotal is { } first && now > (long)first + Margin(first))
            {
                throw Failed($"The collection's total grew from {first} to {now} while it was read.");
            }
        }
        _lastTotal = page.Total ?? _lastTotal;
    }
}
