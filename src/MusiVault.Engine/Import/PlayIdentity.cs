using System.Globalization;
using System.Text;

namespace MusiVault.Engine.Import;

/// <summary>
/// What makes two export records the same play, cheap to index: the end time in whole seconds and the item.
/// Overlapping exports repeat extended-history records byte for byte, so (second, URI) finds them exactly; account
/// data has neither seconds nor URIs, so its key is the minute and the lower-cased names, and it only ever equals
/// another account-data key. Matching account data to extended history and export plays to API plays is a
/// tolerance match, not an equality: <see cref="PlayMatching"/>.
/// </summary>
internal readonly record struct PlayIdentity(long EndedAtSeconds, string Item)
{
    public static PlayIdentity Of(ExportPlay play)
    {
        ArgumentNullException.ThrowIfNull(play);
        var seconds = play.EndedAt.ToUnixTimeSeconds();
        if (play.Source == ExportPlaySource.AccountData)
        {
            return new PlayIdentity(seconds - (seconds % 60), "names:" + NameKey(play.ArtistName ?? play.ShowName, play.TrackName ?? play.EpisodeName));
        }
        if (play.ItemUri is { } uri)
        {
            return new PlayIdentity(seconds, uri);
        }
        // Unknown plays (all metadata null) are told apart by what little they have.
        return new PlayIdentity(seconds, string.Create(CultureInfo.InvariantCulture, $"unknown:{play.MsPlayed}:{play.Platform}"));
    }

    /// <summary>
    /// The key as one 64-bit integer for a compact unique index: the end second in the high 32 bits, the low 32 bits
    /// of a stable FNV-1a hash of (second, UTF-8 item) below. Time first keeps the index's inserts in time order (a
    /// random 64-bit key dirtied a page per play across the whole index on every file's commit) and lets an import
    /// read the identities of a time range with one index scan. Two plays collide only if they end in the same second
    /// and their items share 32 hash bits.
    /// </summary>
    public long Hash
    {
        get
        {
            const ulong Prime = 1099511628211UL;
            var hash = 14695981039346656037UL;
            for (var i = 0; i < 8; i++)
            {
                hash = (hash ^ (byte)(EndedAtSeconds >> (8 * i))) * Prime;
            }
            var length = Encoding.UTF8.GetMaxByteCount(Item.Length);
            var rented = length > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
            Span<byte> bytes = rented is null ? stackalloc byte[512] : rented;
            var written = Encoding.UTF8.GetBytes(Item, bytes);
            foreach (var b in bytes[..written])
            {
                hash = (hash ^ b) * Prime;
            }
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
            return Compose(EndedAtSeconds, unchecked((long)hash));
        }
    }

    /// <summary>The identity of a play ending in <paramref name="endedAtSeconds"/> whose item hashes to <paramref name="itemHash"/>.</summary>
    public static long Compose(long endedAtSeconds, long itemHash) => unchecked((endedAtSeconds << 32) | (itemHash & 0xFFFF_FFFFL));

    /// <summary>The smallest and largest identity of plays ending within the given seconds: a range of the unique index.</summary>
    public static (long First, long Last) RangeOf(long firstSecond, long lastSecond) =>
        (Compose(firstSecond, 0), Compose(lastSecond, 0xFFFF_FFFFL));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{EndedAtSeconds}|{Item}");

    /// <summary>Names compared the way the account data and the extended history both spell them.</summary>
    public static string NameKey(string? artist, string? title) =>
        (artist ?? string.Empty).Trim().ToUpperInvariant() + "\u001F" + (title ?? string.Empty).Trim().ToUpperInvariant();
}

/// <summary>The tolerance rules the store applies when it merges plays it cannot match by <see cref="PlayIdentity"/>.</summary>
internal static class PlayMatching
{
    /// <summary>An API recently-played play and an export play of the same URI are one play within this distance.</summary>
    public static readonly TimeSpan ApiTolerance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An account-data play (endTime truncated to the minute) is the extended-history play of the same names whose end
    /// lies in [endTime, endTime + 1 min), widened by this much for clock rounding.
    /// </summary>
    public static readonly TimeSpan MinuteSlack = TimeSpan.FromSeconds(1);

    public static bool SameApiPlay(ExportPlay export, string apiUri, DateTimeOffset apiPlayedAt)
    {
        ArgumentNullException.ThrowIfNull(export);
        return string.Equals(export.ItemUri, apiUri, StringComparison.Ordinal)
            && (export.EndedAt - apiPlayedAt).Duration() <= ApiTolerance;
    }

    /// <summary>Whether an account-data play and an extended-history play are the same real play.</summary>
    public static bool SameAccountPlay(ExportPlay account, ExportPlay extended)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(extended);
        if (account.Source != ExportPlaySource.AccountData || extended.Source != ExportPlaySource.ExtendedHistory)
        {
            return false;
        }
        var offset = extended.EndedAt - account.EndedAt;
        // ms_played is not compared: the two parts of the export are not promised to agree on it. When a minute holds
        // several candidates the store pairs them one to one, equal ms_played first.
        if (offset < -MinuteSlack || offset >= TimeSpan.FromMinutes(1) + MinuteSlack)
        {
            return false;
        }
        return account.Kind == ExportPlayKind.Episode
            ? NameKey(account.ShowName, account.EpisodeName) == NameKey(extended.ShowName, extended.EpisodeName)
            : NameKey(account.ArtistName, account.TrackName) == NameKey(extended.ArtistName, extended.TrackName);
    }

    private static string NameKey(string? a, string? b) => PlayIdentity.NameKey(a, b);
}
