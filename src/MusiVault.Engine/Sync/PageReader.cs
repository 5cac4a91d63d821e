using System.Runtime.CompilerServices;
using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Sync;

/// <summary>
/// Reads the pages of a collection, in order, and nothing else: no writing, no counting. Offset paging (with
/// prefetch once the total is known, or one page after another) and cursor paging. Every page the caller sees has
/// passed <see cref="Accept{T}"/> (through a <see cref="PageChain"/>), the one place that decides whether a page may be
/// used. A page that breaks the rules ends the read with <see cref="PageChain.FailedReadId"/>: a failed read, which the
/// caller must never take for "the rest was removed".
/// </summary>
internal sealed class PageReader(int prefetchPages, int maxItems = PageReader.DefaultMaxItems)
{
    /// <summary>The page size asked for (Spotify's maximum).</summary>
    public const int PageSize = 50;

    /// <summary>The most items one read may deliver, whatever the pages claim (a hard stop for endless chains).</summary>
    public const int DefaultMaxItems = 200_000;

    private readonly int _prefetchPages = Math.Max(1, prefetchPages);

    public int MaxItems { get; } = Math.Max(PageSize, maxItems);

    /// <summary>
    /// All pages of an offset-paged collection. Once the first page tells the total, later pages are requested ahead
    /// (bounded by the prefetch count; the client caps requests in flight). Reading stops when a page has no next;
    /// the chain is checked on the way (see <see cref="PageChain"/>), so a loop or an over-long chain fails the read.
    /// </summary>
    public async IAsyncEnumerable<SpotifyPage<T>> ReadAllAsync<T>(Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken, int? maxItems = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var chain = new PageChain(maxItems ?? MaxItems);
        var first = chain.Offset(Accept(await fetch(0, cancellationToken)), 0);
        yield return first;
        if (!first.HasNext)
        {
            yield break;
        }
        // Offsets advance by what the API sent (nulls included), never by what survived mapping.
        var pageSize = first.RawItemCount > 0 ? first.RawItemCount : PageSize;
        var nextOffset = first.NextOffset ?? first.RawItemCount;
        var expectedEnd = Math.Min(first.Total ?? 0, chain.Limit);
        var queue = new Queue<(int Offset, Task<SpotifyPage<T>> Task)>();
        using var stopPrefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                while (queue.Count < _prefetchPages && (queue.Count == 0 || nextOffset < expectedEnd))
                {
                    queue.Enqueue((nextOffset, fetch(nextOffset, stopPrefetch.Token)));
                    nextOffset += pageSize;
                }
                var (offset, task) = queue.Dequeue();
                var page = chain.Offset(Accept(await task), offset);
                yield return page;
                if (!page.HasNext)
                {
                    yield break;
                }
                var following = page.NextOffset ?? offset + page.RawItemCount;
                if (following != (queue.Count > 0 ? queue.Peek().Offset : nextOffset))
                {
                    // A short page: the prefetched offsets no longer line up; continue from here, one by one.
                    await stopPrefetch.CancelAsync();
                    await DrainAsync(queue);
                    await foreach (var rest in FollowAsync(fetch, following, chain, cancellationToken))
                    {
                        yield return rest;
                    }
                    yield break;
                }
            }
        }
        finally
        {
            await stopPrefetch.CancelAsync();
            await DrainAsync(queue);
        }
    }

    /// <summary>The pages of an offset-paged collection from 0, one request after another.</summary>
    public IAsyncEnumerable<SpotifyPage<T>> FollowAsync<T>(Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch,
        CancellationToken cancellationToken) =>
        FollowAsync(fetch, 0, new PageChain(MaxItems), cancellationToken);

    private static async IAsyncEnumerable<SpotifyPage<T>> FollowAsync<T>(Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch,
        int offset, PageChain chain, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        while (true)
        {
            var page = chain.Offset(Accept(await fetch(offset, cancellationToken)), offset);
            yield return page;
            if (!page.HasNext)
            {
                yield break;
            }
            offset = page.NextOffset ?? offset + page.RawItemCount;
        }
    }

    /// <summary>
    /// Every item of a short offset-paged list (top items, the list of playlists), one request after another.
    /// <paramref name="requireComplete"/>: the items read must add up to the total (see <see cref="PageChain"/>).
    /// </summary>
    public async Task<List<T>> CollectAsync<T>(Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch, CancellationToken cancellationToken,
        bool requireComplete = true)
    {
        var items = new List<T>();
        await foreach (var page in FollowAsync(fetch, 0, new PageChain(MaxItems, requireComplete), cancellationToken))
        {
            items.AddRange(page.Items.Where(i => i is not null));
        }
        return items;
    }

    /// <summary>
    /// The pages of a cursor-paged collection (followed artists). <paramref name="first"/>: a first page the caller
    /// already read, used instead of asking for it again. A cursor that does not move to a new value is a loop.
    /// </summary>
    public async IAsyncEnumerable<SpotifyPage<T>> FollowCursorAsync<T>(Func<string?, CancellationToken, Task<SpotifyPage<T>>> fetch,
        SpotifyPage<T>? first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var chain = new PageChain(MaxItems);
        var page = chain.Cursor(Accept(first ?? await fetch(null, cancellationToken)));
        while (true)
        {
            yield return page;
            if (!page.HasNext)
            {
                yield break;
            }
            page = chain.Cursor(Accept(await fetch(page.CursorAfter, cancellationToken)));
        }
    }

    /// <summary>
    /// Whether a page may be used at all: there is one. The client's mapper has already refused a body without
    /// <c>items</c>, a null body and items of the wrong type; <see cref="PageChain"/> checks how pages follow each other.
    /// </summary>
    internal static SpotifyPage<T> Accept<T>(SpotifyPage<T>? page) =>
        page ?? throw PageChain.Failed("Spotify returned no page where one was expected.");

    private static async Task DrainAsync<T>(Queue<(int Offset, Task<SpotifyPage<T>> Task)> queue)
    {
        while (queue.Count > 0)
        {
            try
            {
                await queue.Dequeue().Task;
            }
            catch (Exception)
            {
                // Abandoned prefetch: its result (or failure) no longer matters.
            }
        }
    }
}
