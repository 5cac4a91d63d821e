using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Import;

/// <summary>An export play as the store's <see cref="PlayRecord"/>: which part of it is the item, which the play.</summary>
internal sealed class PlayWriter(PlayStore store)
{
    // One record reused for every play: the store binds its values at once and keeps nothing of it.
    private readonly PlayRecord _record = new();

    public PlayWriteResult Write(ExportPlay play)
    {
        var r = _record;
        r.Identity = play.Identity.Hash;
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
