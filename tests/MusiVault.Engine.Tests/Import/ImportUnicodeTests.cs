using Microsoft.Data.Sqlite;
using MusiVault.Engine.Import;
using MusiVault.Engine.Query;

namespace MusiVault.Engine.Tests.Import;

/// <summary>
/// Names that do not survive UTF-8 unchanged (lone surrogates, sent by the export as \uD800 escapes) and other unusual
/// text, imported twice: the second import once failed with "UNIQUE constraint failed: play_items.item_key" because
/// the item cache compared the .NET string while the vault holds its UTF-8 form.
/// </summary>
public sealed class ImportUnicodeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public void Names_with_lone_surrogates_and_unusual_unicode_import_twice_without_duplicates()
    {
        // Plays with a URI, plays known only by names (no URI) and account-only plays, all with awkward names.
        _temp.Write("export/Streaming_History_Audio_2024_0.json", """
            [{"ts":"2024-01-01T10:00:00Z","ms_played":1000,"master_metadata_track_name":"Lone \ud800 high","master_metadata_album_artist_name":"Art\udc00ist","spotify_track_uri":"spotify:track:s1"},
             {"ts":"2024-01-01T10:05:00Z","ms_played":2000,"master_metadata_track_name":"e\u0301 combining \ud83c\udfb5 \u0000 nul","master_metadata_album_artist_name":"\u05e2\u05d1\u05e8\u05d9\u05ea","spotify_track_uri":"spotify:track:s2"},
             {"ts":"2024-01-01T10:10:00Z","ms_played":3000,"master_metadata_track_name":"Lone \ud800 high","master_metadata_album_artist_name":"Art\udc00ist","spotify_track_uri":null},
             {"ts":"2024-01-01T10:15:00Z","ms_played":4000,"master_metadata_track_name":"Lone \ud801 high","master_metadata_album_artist_name":"Art\udc00ist","spotify_track_uri":null},
             {"ts":"2024-01-01T10:20:00Z","ms_played":5000,"master_metadata_track_name":"\udbff\udfff max","master_metadata_album_artist_name":"\ufeffBOM\u200b zero width","spotify_track_uri":null}]
            """);
        _temp.Write("export/StreamingHistory_music_0.json", """
            [{"endTime":"2024-02-01 09:00","artistName":"Solo\udbff","trackName":"X\udfff","msPlayed":1000},
             {"endTime":"2024-02-01 09:05","artistName":"\ud83c\udfb5","trackName":"\u0627\u0644\u0639\u0631\u0628\u064a\u0629","msPlayed":2000}]
            """);
        var export = Path.Combine(_temp.Path, "export");
        var vault = Path.Combine(_temp.Path, "v.db");
        var options = new ImportOptions();

        var first = ImportService.Import(vault, [export], options, null, CancellationToken.None);
        var again = ImportService.Import(vault, [export], options, null, CancellationToken.None);
        var third = ImportService.Import(vault, [export], options, null, CancellationToken.None);

        Assert.Equal((0, 7, 7, 0), (first.FilesFailed, first.PlaysRead, first.PlaysAdded, first.PlaysAlreadyPresent));
        Assert.Equal((0, 7, 0, 7), (again.FilesFailed, again.PlaysRead, again.PlaysAdded, again.PlaysAlreadyPresent));
        Assert.Equal((0, 0, 7), (third.FilesFailed, third.PlaysAdded, third.PlaysAlreadyPresent));
        var plays = new VaultQueries(vault).Plays(new PlayQuery { IncludeSkipped = true }).ToList();
        Assert.Equal(7, plays.Count);
        Assert.Contains(plays, p => p.Name == "\u05e2\u05d1\u05e8\u05d9\u05ea" || p.Artist == "\u05e2\u05d1\u05e8\u05d9\u05ea");
        Assert.Contains(plays, p => p.Name == "\u0627\u0644\u0639\u0631\u0628\u064a\u0629");
    }
}
