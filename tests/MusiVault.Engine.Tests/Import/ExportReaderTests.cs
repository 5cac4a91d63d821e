using System.Text;
using MusiVault.Engine.Import;

namespace MusiVault.Engine.Tests.Import;

/// <summary>The reader against hand-written files: encodings, nulls, unknown fields, damage, odd chunking.</summary>
public sealed class ExportReaderTests
{
    private const string TwoPlays = """
        [
          {"ts":"2021-03-04T05:06:07Z","platform":"ios","ms_played":1234,"conn_country":"SE","ip_addr":"192.0.2.1",
           "master_metadata_track_name":"Björk «Jóga» 🔥","master_metadata_album_artist_name":"Björk","master_metadata_album_album_name":"Homogenic",
           "spotify_track_uri":"spotify:track:a","episode_name":null,"episode_show_name":null,"spotify_episode_uri":null,
           "reason_start":"clickrow","reason_end":"trackdone","shuffle":false,"skipped":null,"offline":false,"offline_timestamp":1614834367,"incognito_mode":false},
          {"ts":"2021-03-04T05:10:00Z","ms_played":99}
        ]
        """;

    [Fact]
    public void A_play_keeps_every_field_and_a_record_with_only_time_and_duration_is_an_unknown_play()
    {
        var read = ExportRead.Text("Streaming_History_Audio_2021_0.json", ExportFileKind.ExtendedAudio, TwoPlays);

        Assert.True(read.Completed, read.Error?.ToString());
        var play = read.Plays[0];
        Assert.Equal(new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero), play.EndedAt);
        Assert.Equal(1234, play.MsPlayed);
        Assert.Equal(ExportPlayKind.Track, play.Kind);
        Assert.Equal("Björk «Jóga» 🔥", play.TrackName);
        Assert.Equal(("Björk", "Homogenic", "spotify:track:a"), (play.ArtistName, play.AlbumName, play.TrackUri));
        Assert.Equal(("ios", "SE", "clickrow", "trackdone"), (play.Platform, play.Country, play.ReasonStart, play.ReasonEnd));
        Assert.Equal((false, (bool?)null, false, false), (play.Shuffle, play.Skipped, play.Offline, play.IncognitoMode));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1614834367), play.OfflineAt);
        Assert.Null(play.IpAddress);

        var unknown = read.Plays[1];
        Assert.Equal(ExportPlayKind.Unknown, unknown.Kind);
        Assert.Null(unknown.ItemUri);
        Assert.Null(unknown.Platform);
        Assert.NotEqual(play.Identity, unknown.Identity);
    }

    [Fact]
    public void Network_fields_are_kept_only_when_asked()
    {
        const string Endsong = """[{"ts":"2015-01-01T00:00:01Z","username":"me","ms_played":5,"ip_addr_decrypted":"198.51.100.7","user_agent_decrypted":"unknown","spotify_track_uri":"spotify:track:x"}]""";
        var off = ExportRead.Text("endsong_0.json", ExportFileKind.ExtendedEndsong, Endsong).Plays.Single();
        var on = ExportRead.Text("endsong_0.json", ExportFileKind.ExtendedEndsong, Endsong, new ExportReadOptions { IncludeNetworkFields = true }).Plays.Single();

        Assert.Equal((null, null, null), (off.IpAddress, off.UserAgent, off.Username));
        Assert.Equal(("198.51.100.7", "unknown", "me"), (on.IpAddress, on.UserAgent, on.Username));
        var modern = ExportRead.Text("a.json", ExportFileKind.ExtendedAudio, TwoPlays, new ExportReadOptions { IncludeNetworkFields = true }).Plays[0];
        Assert.Equal("192.0.2.1", modern.IpAddress);
    }

    [Fact]
    public void Unknown_fields_of_any_shape_are_ignored_at_every_level()
    {
        const string Json = """
            [
              {"future":{"a":[1,{"b":[[],{}]}],"c":null},"ts":"2022-01-01T00:00:00Z","list":[1,2,{"x":"y"}],"ms_played":7,
               "spotify_track_uri":"spotify:track:t","new_bool":true,"new_number":1.5e3},
              null, 42, "text", [1, 2],
              {"ts":"2022-01-01T00:01:00Z","ms_played":8.0,"spotify_episode_uri":"spotify:episode:e","shuffle":"true"}
            ]
            """;
        var read = ExportRead.Text("Streaming_History_Audio_2022_0.json", ExportFileKind.ExtendedAudio, Json);

        Assert.True(read.Completed, read.Error?.ToString());
        Assert.Equal(2, read.Plays.Count);
        Assert.Equal(("spotify:track:t", 7L), (read.Plays[0].ItemUri, read.Plays[0].MsPlayed));
        Assert.Equal((ExportPlayKind.Episode, 8L, (bool?)true), (read.Plays[1].Kind, read.Plays[1].MsPlayed, read.Plays[1].Shuffle));
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-16le")]
    [InlineData("windows-1252")]
    public void Files_in_other_encodings_read_the_same_names(string encoding)
    {
        const string Json = """[{"endTime":"2023-12-31 23:59","artistName":"Sigur Rós","trackName":"Hoppípolla – ‘live’ €","msPlayed":60000}]""";
        byte[] bytes = encoding switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Json)],
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Json)],
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Json)],
            "utf-16le" => Encoding.Unicode.GetBytes(Json),
            _ => Windows1252(Json),
        };

        var read = ExportRead.Text("StreamingHistory_music_0.json", ExportFileKind.AccountMusic, bytes);

        Assert.True(read.Completed, read.Error?.ToString());
        var play = Assert.Single(read.Plays);
        Assert.Equal(("Sigur Rós", "Hoppípolla – ‘live’ €"), (play.ArtistName, play.TrackName));
        Assert.Equal(new DateTimeOffset(2023, 12, 31, 23, 59, 0, TimeSpan.Zero), play.EndedAt);
        Assert.Equal(ExportPlaySource.AccountData, play.Source);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(6_000)] // several buffers: the line is counted across refills
    public void A_truncated_file_is_reported_with_its_name_and_position_and_is_never_completed(int records)
    {
        var whole = Encoding.UTF8.GetBytes("[\n" + string.Join(",\n", Enumerable.Range(0, records).Select(i =>
            $$"""  {"ts":"{{Ts(i)}}","ms_played":{{i}},"spotify_track_uri":"spotify:track:{{i}}"}""")) + "\n]");
        var cut = whole[..(whole.Length * 2 / 3)];

        var read = ExportRead.Text("Streaming_History_Audio_2020_3.json", ExportFileKind.ExtendedAudio, cut, new ExportReadOptions { BatchSize = 50 });

        Assert.False(read.Completed);
        var error = Assert.IsType<ExportFileError>(read.Error);
        Assert.Equal("Streaming_History_Audio_2020_3.json", error.FileName);
        var lastLine = cut.Count(b => b == (byte)'\n') + 1; // where the file ends, inside a record
        Assert.Equal(lastLine, error.Line);
        Assert.InRange(error.ByteOffset, cut.Length - 120, cut.Length);
        Assert.Contains($"line {lastLine}", error.ToString(), StringComparison.Ordinal);
        // The store commits a file only once it completes; a reader that failed hands out nothing more.
        Assert.True(read.Plays.Count < records);
    }

    [Theory]
    [InlineData("""[{"ts":"2020-01-01T00:00:00Z","ms_played":1},{"ts":"yesterday","ms_played":2}]""", "ts")]
    [InlineData("""[{"ts":"2020-01-01T00:00:00Z","ms_played":1},{"ms_played":2}]""", "ts")]
    [InlineData("""[{"ts":"2020-01-01T00:00:00Z","ms_played":1},{"ts":"2020-01-01T00:00:00Z"}]""", "ms_played")]
    [InlineData("""[{"ts":"2020-01-01T00:00:00Z","ms_played":1} {"ts":"2020-01-01T00:00:00Z","ms_played":2}]""", "")]
    [InlineData("""[{"ts":"2020-01-01T00:00:00Z","ms_played":1}]]""", "")]
    [InlineData("""<html>Not found</html>""", "")]
    [InlineData("", "empty")]
    [InlineData("42", "neither")]
    public void A_malformed_file_is_an_error_with_a_position(string json, string messagePart)
    {
        var read = ExportRead.Text("bad.json", ExportFileKind.ExtendedAudio, json);

        Assert.False(read.Completed);
        var error = Assert.IsType<ExportFileError>(read.Error);
        Assert.Equal("bad.json", error.FileName);
        Assert.Equal(1, error.Line);
        Assert.True(error.Column >= 1);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Records_cut_anywhere_by_the_stream_read_the_same(int chunk)
    {
        var json = "\uFEFF" + TwoPlays;
        var bytes = Encoding.UTF8.GetBytes(json);

        var read = ExportRead.Text("a.json", ExportFileKind.ExtendedAudio, bytes, chunk: chunk);

        Assert.True(read.Completed, read.Error?.ToString());
        Assert.Equal(["spotify:track:a", null], read.Plays.Select(p => p.ItemUri));
        Assert.Equal("Björk «Jóga» 🔥", read.Plays[0].TrackName);
    }

    [Fact]
    public void A_playlist_larger_than_the_read_buffer_is_read_whole()
    {
        var items = string.Join(",", Enumerable.Range(0, 20_000).Select(i =>
            $$"""{"track":{"trackName":"Song {{i}}","artistName":"A","albumName":"B","trackUri":"spotify:track:{{i}}"},"episode":null,"localTrack":null,"addedDate":"2020-02-03"}"""));
        var json = """{"playlists":[{"name":"Big","lastModifiedDate":"2021-01-01","collaborators":[],"description":null,"numberOfFollowers":0,"items":["""
            + items
            + """]},{"name":"Small","items":[{"track":null,"episode":{"episodeName":"E","showName":"S","episodeUri":"spotify:episode:e"},"addedDate":"2019-05-06"},{"localTrack":{"uri":"spotify:local:a:b:c:1"},"addedDate":null},{"track":{"trackName":"Only a name","artistName":"X"}}]}]}""";

        var read = ExportRead.Text("Playlist1.json", ExportFileKind.Playlists, json);

        Assert.True(read.Completed, read.Error?.ToString());
        Assert.Equal(["Big", "Small"], read.Playlists.Select(p => p.Name));
        Assert.Equal(20_000, read.Playlists[0].Items.Count);
        Assert.Equal("spotify:track:19999", read.Playlists[0].Items[^1].Uri);
        Assert.Equal(new DateOnly(2020, 2, 3), read.Playlists[0].Items[0].AddedDate);
        var small = read.Playlists[1].Items;
        Assert.Equal([ExportPlaylistItemKind.Episode, ExportPlaylistItemKind.LocalTrack, ExportPlaylistItemKind.Track], small.Select(i => i.Kind));
        Assert.Equal(("E", "S", "spotify:episode:e"), (small[0].Name, small[0].ShowName, small[0].Uri));
        Assert.Null(small[1].AddedDate);
        Assert.Equal(("Only a name", "X", (string?)null), (small[2].Name, small[2].ArtistName, small[2].Uri));
    }

    [Fact]
    public void Library_sections_and_unknown_sections_are_read_by_name()
    {
        const string Json = """
            {"tracks":[{"artist":"A","album":"B","track":"T","uri":"spotify:track:t"},{"artist":"A","album":"B","track":"Local","uri":null}],
             "albums":[{"artist":"A","album":"B","uri":"spotify:album:b"}],"shows":[{"name":"S","publisher":"P","uri":"spotify:show:s"}],
             "episodes":[{"name":"E","show":"S","uri":"spotify:episode:e"}],"bannedTracks":[],"artists":[{"name":"A","uri":"spotify:artist:a"}],
             "bannedArtists":[{"name":"Z","uri":"spotify:artist:z"}],"other":["x"],"audiobooks":[{"name":"Book","uri":"spotify:show:book"}],
             "version":2,"meta":{"tracks":[{"track":"not an item"}]}}
            """;
        var read = ExportRead.Text("YourLibrary.json", ExportFileKind.Library, Json);

        Assert.True(read.Completed, read.Error?.ToString());
        Assert.Equal(
            ["tracks:T:spotify:track:t", "tracks:Local:", "albums:B:spotify:album:b", "shows:S:spotify:show:s", "episodes:E:spotify:episode:e",
             "artists:A:spotify:artist:a", "bannedArtists:Z:spotify:artist:z", "audiobooks:Book:spotify:show:book"],
            read.LibraryItems.Select(i => $"{i.SectionName}:{i.Name}:{i.Uri}"));
        Assert.Equal(("P", ExportLibrarySection.Show), (read.LibraryItems[3].ShowOrPublisher, read.LibraryItems[3].Section));
        Assert.Equal(ExportLibrarySection.Other, read.LibraryItems[^1].Section);
    }

    private static string Ts(int seconds) =>
        new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Windows1252(string text)
    {
        var bytes = new List<byte>();
        foreach (var c in text)
        {
            bytes.Add(c switch { '–' => 0x96, '‘' => 0x91, '’' => 0x92, '€' => 0x80, _ => checked((byte)c) });
        }
        return [.. bytes];
    }
}
