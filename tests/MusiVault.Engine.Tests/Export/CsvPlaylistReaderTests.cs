using System.Text;
using MusiVault.Engine.Export;
using MusiVault.Engine.Import;

namespace MusiVault.Engine.Tests.Export;

// In the Export namespace on purpose: the reader exists so Restore-SpotifyPlaylist -Path accepts our ExportifyCsv,
// and these tests are that round trip.
public sealed class CsvPlaylistReaderTests
{
    [Fact]
    public void Reads_our_own_ExportifyCsv_back_to_the_same_URIs_in_order()
    {
        var csv = ExportSamples.Write(ExportFormat.ExportifyCsv);
        var rows = CsvPlaylistReader.Read(new StringReader(csv)).ToList();

        Assert.Equal(ExportSamples.Uris, rows.Select(row => row.Value));
        Assert.Equal(ExportSamples.Entries.Select(entry => entry.Uri), rows.Select(row => row.Uri));
        Assert.Equal("Let's \"Groove\"\r\n<script>alert(1)</script> & more", rows[2].TrackName);
        Assert.Equal(["Earth, Wind & Fire", "\u0645\u062D\u0645\u062F \u0639\u0628\u062F\u0647", "DJ 🎧‍🔥"], CsvPlaylistReader.SplitNames(rows[2].ArtistNames));
        Assert.Equal([2, 3, 4, 6, 7, 8, 9], rows.Select(row => row.Line)); // the quoted line break spans lines 4-5
    }

    [Fact]
    public async Task Reads_a_10000_entry_export_as_a_stream()
    {
        using var output = new MemoryStream();
        PlaylistExporter.Write(ExportFormat.ExportifyCsv, ExportSamples.Playlist, Enumerable.Range(0, 10_000).Select(ExportSamples.Generated), output);
        output.Position = 0;
        using var reader = new StreamReader(output, Encoding.UTF8);

        var count = 0;
        await foreach (var row in CsvPlaylistReader.ReadAsync(reader, CancellationToken.None))
        {
            Assert.Equal(ExportSamples.Generated(count).Uri, row.Uri);
            count++;
        }
        Assert.Equal(10_000, count);
    }

    [Fact]
    public void Finds_the_URI_column_without_a_Track_URI_header_and_with_other_delimiters()
    {
        const string csv = "\uFEFFTitle;Spotify;Note\r\n" +
                           "\"One; two\";spotify:track:4uLU6hMCjMI75M1A2tKUQC;x\r\n" +
                           "\r\n" +
                           "Two;https://open.spotify.com/intl-de/track/1GrLfs4TEvAZ86HVzXHchS?si=abc;\r\n" +
                           "Three;not a uri;\r\n";
        var rows = CsvPlaylistReader.Read(new StringReader(csv)).ToList();

        Assert.Equal(["spotify:track:4uLU6hMCjMI75M1A2tKUQC", "spotify:track:1GrLfs4TEvAZ86HVzXHchS", null], rows.Select(row => row.Uri));
        Assert.Equal("not a uri", rows[2].Value);
        Assert.Equal([2, 4, 5], rows.Select(row => row.Line));
    }

    [Fact]
    public void Reads_a_bare_list_of_URIs_without_a_header()
    {
        const string csv = "spotify:track:4uLU6hMCjMI75M1A2tKUQC\nspotify:episode:512ojhOuo1ktJprKbVcKyQ\nspotify:local:A:B:C:1";
        var rows = CsvPlaylistReader.Read(new StringReader(csv)).ToList();

        Assert.Equal(["spotify:track:4uLU6hMCjMI75M1A2tKUQC", "spotify:episode:512ojhOuo1ktJprKbVcKyQ", "spotify:local:A:B:C:1"], rows.Select(row => row.Uri));
    }

    [Fact]
    public void Reads_the_same_rows_whatever_the_chunk_boundaries()
    {
        var csv = ExportSamples.Write(ExportFormat.ExportifyCsv).Replace("\n", "\r\n", StringComparison.Ordinal);
        var expected = CsvPlaylistReader.Read(new StringReader(csv)).ToList();
        var oneCharAtATime = CsvPlaylistReader.Read(new TrickleReader(csv)).ToList();

        Assert.Equal(expected, oneCharAtATime);
        Assert.Equal(ExportSamples.Uris, expected.Select(row => row.Value));
    }

    /// <summary>Hands out one character per Read call, so every state of the parser meets a chunk boundary.</summary>
    private sealed class TrickleReader(string text) : TextReader
    {
        private int position;

        public override int Read(char[] buffer, int index, int count)
        {
            if (position >= text.Length || count == 0)
            {
                return 0;
            }
            buffer[index] = text[position++];
            return 1;
        }
    }
}
