using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Import;

/// <summary>An export play as the store's <see cref="PlayRecord"/>: which part of it is the item, which the play.</summary>
internal sealed class PlayWriter(PlayStore store)
{
    // One record reused for every play: the store binds its values at once and keeps nothing of it.
    private readonly PlayRecord _record = new();

    /// <summary>Before a batch: the store loads what it holds for the batch's time range (see PlayStore.PrepareBatch).</summary>
    public void Prepare(List<ExportPlay> plays)
    {
        if (plays.Count == 0)
        {
            return;
        }
        long first = long.MaxValue, last = long.MinValue;
        foreach (var play in plays)
        {
            var second = play.EndedAt.ToUnixTimeSeconds();
            first = Math.Min(first, second);
            last = Math.Max(last, second);
        }
        // Account plays are keyed by their minute.
        store.PrepareBatch(first - 60, last);
    }

    public PlayWriteResult Write(ExportPlay play)
    {
        var r = _record;
        r.Identity = play.Identity.Hash;
        if (play.Source == ExportPlaySource.ExtendedHistory && store.IsKnown(r.Identity))
        {
            // Stored before: the re-import path, decided before anything is looked up or converted.
            return PlayWriteResult.AlreadyPresent;
        }
        r.EndedAtMs = play.EndedAt.ToUnixTimeMilliseconds();
        r.Item = ItemOf(play);
        r.MsPlayed = play.MsPlayed;
        r.Platform = play.Platform;
        r.Country = play.Country;
        r.ReasonStart = play.ReasonStart;
        r.ReasonEnd = play.ReasonEnd;
        r.Shuffle = play.Shuffle;
        r.Skipped = play.Skipped;
        r.Offline = play.Offline;
        r.OfflineAtMs = play.OfflineAt?.ToUnixTimeMilliseconds();
        r.Incognito = play.IncognitoMode;
        r.IpAddress = play.IpAddress;
        r.UserAgent = play.UserAgent;
        r.Username = play.Username;
        if (play.Source == ExportPlaySource.AccountData)
        {
            r.Source = PlaySources.AccountData;
            return store.AddAccount(r);
        }
        r.Source = PlaySources.ExtendedHistory;
        return store.AddExtended(r);
    }

    internal static PlayItem? ItemOf(ExportPlay play) => play.Kind switch
    {
        ExportPlayKind.Track => new PlayItem("track", play.TrackUri, play.TrackName, play.ArtistName, play.AlbumName, null, null),
        ExportPlayKind.Episode => new PlayItem("episode", play.EpisodeUri, play.EpisodeName, null, null, play.ShowName, null),
        ExportPlayKind.Audiobook => new PlayItem("audiobook", play.AudiobookChapterUri ?? play.AudiobookUri,
            play.AudiobookChapterTitle ?? play.AudiobookTitle, null, null, play.AudiobookTitle, play.AudiobookUri),
        _ => null,
    };
}
