using MusiVault.Engine.Export;

namespace MusiVault.Engine.Tests.Export;

public sealed class M3uWriterTests
{
    [Fact]
    public void Lists_every_entry_in_order_with_its_link_or_a_comment_saying_why_it_has_none()
    {
        var m3u = ExportSamples.Write(ExportFormat.M3u);
        var lines = m3u.Split('\n');

        Assert.Equal("#EXTM3U", lines[0]);
        Assert.Equal("#PLAYLIST:Road <Trip> & \"Friends\", vol. 1", lines[1]);
        Assert.Equal("", lines[^1]);
        var body = lines[2..^1];
        Assert.All(body, line => Assert.True(line.StartsWith('#') || line.StartsWith("https://open.spotify.com/", StringComparison.Ordinal), line));

        // One "entry" per EXTINF+link pair or per no-link comment; they come back in playlist order.
        var listed = new List<string>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i].StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                listed.Add(body[++i]);
            }
            else if (body[i].StartsWith("# Local file, no Spotify link: ", StringComparison.Ordinal)
                     || body[i].StartsWith("# No Spotify link: ", StringComparison.Ordinal))
            {
                listed.Add(body[i]);
            }
        }
        Assert.Equal(ExportSamples.Entries.Count, listed.Count);
        Assert.Equal("https://open.spotify.com/track/1GrLfs4TEvAZ86HVzXHchS", listed[0]);
        Assert.Equal("# Local file, no Spotify link: The Waymores - Heart of Stone [Heart of Stone], 128 s, spotify:local:The+Waymores:Heart+of+Stone:Heart+of+Stone:128", listed[1]);
        Assert.Equal("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", listed[2]);
        Assert.Equal("https://open.spotify.com/episode/512ojhOuo1ktJprKbVcKyQ", listed[3]);
        Assert.Equal("https://open.spotify.com/track/0000000000000000000001", listed[4]);
        Assert.Equal("https://open.spotify.com/track/0000000000000000000003", listed[5]);
        Assert.Equal("# No Spotify link: entry 7, item unknown to the vault", listed[6]);
    }

    [Fact]
    public void EXTINF_has_seconds_and_artists_dash_title_on_one_line()
    {
        var lines = ExportSamples.Write(ExportFormat.M3u).Split('\n');

        Assert.Contains("#EXTINF:198,Six by Seven - Crying", lines);
        Assert.Contains("#EXTINF:338,Earth, Wind & Fire, \u0645\u062D\u0645\u062F \u0639\u0628\u062F\u0647, DJ 🎧‍🔥 - Let's \"Groove\"  <script>alert(1)</script> & more", lines);
        Assert.Contains("#EXTINF:1503,The Show, Daily - Episode \u05E9\u05DC\u05D5\u05DD", lines);
        Assert.Contains("#EXTINF:0,Vanished - Gone From Spotify", lines);
    }

    [Fact]
    public void Removed_and_vanished_entries_say_so_before_their_link()
    {
        var lines = ExportSamples.Write(ExportFormat.M3u).Split('\n');

        var vanished = Array.IndexOf(lines, "https://open.spotify.com/track/0000000000000000000001");
        Assert.Equal("# No longer available on Spotify; last known data", lines[vanished - 2]);
        var removed = Array.IndexOf(lines, "https://open.spotify.com/track/0000000000000000000003");
        Assert.Equal("# Removed from the playlist on 2026-02-20T08:00:00Z", lines[removed - 2]);
    }
}
