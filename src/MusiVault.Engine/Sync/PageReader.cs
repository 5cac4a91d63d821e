using System.Runtime.CompilerServices;
using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Sync;

/// <summary>
/// Reads the pages of a collection, in order, and nothing else: no writing, no counting. Offset paging (with
/// prefetch once the total is known, or one page after another) and cursor paging. Every page the caller sees has
/// passed <see cref="Accept{T}"/>, the one place that decides whether a page may be used.
/// </summary>
internal sealed class PageReader(int prefetchPages)
{
    /// <summary>The page size asked for (Spotify's maximum).</summary>
    public const int PageSize = 50;

    private readonly int _prefetchPages = Math.Max(1, prefetchPages);

    /// <summary>
    /// All pages of an offset-paged collection. Once the first page tells the total, later pages are requested ahead
    /// (bounded by the prefetch count; the client caps requests in flight). The total is only a hint: reading stops
    /// when a page has no next, and goes on past the total while pages do.
    /// </summary>
    public async IAsyncEnumerable<SpotifyPage<T>> ReadAllAsync<T>(Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var first = Accept(await fetch(0, cancellationToken));
        yield return first;
        if (!first.HasNext)
        {
            yield break;
        }
        // Offsets advance by what the API sent (nulls included), never by what survived mapping.
        var pageSize = first.RawItemCount > 0 ? first.RawItemCount : PageSize;
        var nextOffset = first.NextOffset ?? first.RawItemCount;
        var expectedEnd = first.Total ?? 0;
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
                var page = Accept(await task);
                yield return page;
                if (!page.HasNext || page.RawItemCount == 0)
                {
                    yield break;
                }
                var following = page.NextOffset ?? offset + page.RawItemCount;
                if (following != (queue.Count > 0 ? queue.Peek().Offset : nextOffset))
                {
                    // A short page: the prefetched offsets no longer line up; continue from here, one by one.
                    await stopPrefetch.CancelAsync();
                    await DrainAsync(queue);
                    await foreach (var rest in FollowAsync(fetch, following, cancellationToken))
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

    /// <summary>The pages of an offset-paged collection from <paramref name="offset"/>, one request after another.</summary>
    public async IAsyncEnumerable<SpotifyPage<T>> FollowAsync<T>(Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch, int offset,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        while (true)
        {
            var page = Accept(await fetch(offset, cancellationToken));
            yield return page;
            if (!page.HasNext || page.RawItemCount == 0)
            {
                yield break;
            }
            offset = page.NextOffset ?? offset + page.RawItemCount;
        }
    }

    /// <summary>Every item of a short offset-paged list (top items, the list of playlists), one request after another.</summary>
    public async Task<List<T>> CollectAsync<T>(Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var page in FollowAsync(fetch, 0, cancellationToken))
        {
            items.AddRange(page.Items.Where(i => i is not null));
        }
        return items;
    }

    /// <summary>
    /// The pages of a cursor-paged collection (followed artists). <paramref name="first"/>: a first page the caller
    /// already read, used instead of asking for it again. Stops when a page names no next page or its cursor does
    /// not move forward.
    /// </summary>
    public async IAsyncEnumerable<SpotifyPage<T>> FollowCursorAsync<T>(Func<string?, CancellationToken, Task<SpotifyPage<T>>> fetch,
        SpotifyPage<T>? first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        string? after = null;
        var page = first is null ? Accept(await fetch(null, cancellationToken)) : Accept(first);
        while (true)
        {
            yield return page;
            if (!page.HasNext || string.IsNullOrEmpty(page.CursorAfter) || page.CursorAfter == after)
            {
                yield break;
            }
            after = page.CursorAfter;
            page = Accept(await fetch(after, cancellationToken));
        }
    }

    /// <summary>
    /// Whether a page may be used. Lenient today (the client already mapped it); the place where a malformed page
    /// (no items, a total that disagrees, a next that does not move forward) becomes a failed read, never "removed".
    /// </summary>
    private static SpotifyPage<T> Accept<T>(SpotifyPage<T> page) =>
        page ?? throw new MusiVaultException("SpotifyPageMissing", ErrorKind.InvalidData, "Spotify returned no page where one was expected.", null);

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
