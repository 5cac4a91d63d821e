using MusiVault.Engine.Import;

namespace MusiVault.Engine.Tests.Import;

public sealed class PlayIdentityTests
{
    private static readonly DateTimeOffset End = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public void The_same_record_from_two_exports_has_one_identity_and_hash()
    {
        var a = Play(End, "spotify:track:x", ms: 1000);
        var b = Play(End, "spotify:track:x", ms: 1000, platform: "Android OS 9 API 28 (samsung, SM-G960F)");

        Assert.Equal(a.Identity, b.Identity);
        Assert.Equal(a.Identity.Hash, b.Identity.Hash);
        Assert.NotEqual(a.Identity, Play(End.AddSeconds(1), "spotify:track:x", 1000).Identity);
        Assert.NotEqual(a.Identity, Play(End, "spotify:track:y", 1000).Identity);
        Assert.Equal("1714979289|spotify:track:x", a.Identity.ToString());
    }

    [Fact]
    public void An_api_play_matches_within_a_few_seconds_of_the_same_uri()
    {
        var export = Play(End, "spotify:track:x", 1000);

        Assert.True(PlayMatching.SameApiPlay(export, "spotify:track:x", End.AddMilliseconds(4_200)));
        Assert.True(PlayMatching.SameApiPlay(export, "spotify:track:x", End.AddSeconds(-5)));
        Assert.False(PlayMatching.SameApiPlay(export, "spotify:track:x", End.AddSeconds(6)));
        Assert.False(PlayMatching.SameApiPlay(export, "spotify:track:y", End));
    }

    [Fact]
    public void An_account_play_matches_the_extended_play_of_its_minute_and_names()
    {
        var extended = new ExportPlay
        {
            EndedAt = End, MsPlayed = 1000, Source = ExportPlaySource.ExtendedHistory, Kind = ExportPlayKind.Track,
            TrackName = "Jóga", ArtistName = "Björk", TrackUri = "spotify:track:x",
        };
        var account = new ExportPlay
        {
            EndedAt = new DateTimeOffset(2024, 5, 6, 7, 8, 0, TimeSpan.Zero), MsPlayed = 1000, Source = ExportPlaySource.AccountData,
            Kind = ExportPlayKind.Track, TrackName = "jóga ", ArtistName = "BJÖRK",
        };

        Assert.True(PlayMatching.SameAccountPlay(account, extended));
        Assert.False(PlayMatching.SameAccountPlay(account, new ExportPlay { EndedAt = End.AddMinutes(1), MsPlayed = 1000, Source = ExportPlaySource.ExtendedHistory, TrackName = "Jóga", ArtistName = "Björk" }));
        Assert.False(PlayMatching.SameAccountPlay(account, new ExportPlay { EndedAt = End, MsPlayed = 1000, Source = ExportPlaySource.ExtendedHistory, TrackName = "Hunter", ArtistName = "Björk" }));
        Assert.Equal(account.Identity.EndedAtSeconds, account.EndedAt.ToUnixTimeSeconds());
        Assert.StartsWith("names:", account.Identity.Item, StringComparison.Ordinal);
    }

    private static ExportPlay Play(DateTimeOffset end, string uri, long ms, string platform = "ios") => new()
    {
        EndedAt = end, MsPlayed = ms, Source = ExportPlaySource.ExtendedHistory, Kind = ExportPlayKind.Track, TrackUri = uri, Platform = platform,
    };
}
