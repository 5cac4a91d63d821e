using Microsoft.VisualBasic.FileIO;
using MusiVault.Engine.Export;
using MusiVault.Engine.Import;

namespace MusiVault.Engine.Tests.Export;

public sealed class ExportifyCsvWriterTests
{
    // The header Exportify's own test expects (PlaylistTable.test.tsx, `baseTrackHeaders`), without the
    // "Name" (playlist name) column newer Exportify versions put first: issue 15 fixes the base columns.
    private const string ExportifyHeader =
        "\"Track URI\",\"Track Name\",\"Artist URI(s)\",\"Artist Name(s)\",\"Album URI\",\"Album Name\",\"Album Artist URI(s)\",\"Album Artist Name(s)\",\"Album Release Date\",\"Album Image URL\",\"Disc Number\",\"Track Number\",\"Track Duration (ms)\",\"Track Preview URL\",\"Explicit\",\"Popularity\",\"ISRC\",\"Added By\",\"Added At\"";

    [Fact]
    public void Header_is_exactly_Exportifys_base_columns()
    {
        var csv = ExportSamples.Write(ExportFormat.ExportifyCsv);
        Assert.Equal(ExportifyHeader, csv[..csv.IndexOf('\n', StringComparison.Ordinal)]);
    }

    [Fact]
    public void Rows_match_the_rows_Exportify_writes_except_the_fields_Spotify_no_longer_serves()
    {
        var lines = ExportSamples.Write(ExportFormat.ExportifyCsv, [ExportSamples.Crying, ExportSamples.LocalFile]).Split('\n');

        // Exportify's expected rows with its preview URL and popularity emptied (Spotify no longer serves them)
        // and, for Liked Songs, no Added By (Spotify gives none there).
        Assert.Equal(
            "\"spotify:track:1GrLfs4TEvAZ86HVzXHchS\",\"Crying\",\"spotify:artist:4TXdHyuAOl3rAOFmZ6MeKz\",\"Six by Seven\",\"spotify:album:4iwv7b8gDPKztLkKCbWyhi\",\"Best of Six By Seven\",\"spotify:artist:4TXdHyuAOl3rAOFmZ6MeKz\",\"Six by Seven\",\"2017-02-17\",\"https://i.scdn.co/image/ab67616d0000b273f485821b346237acbbca07ea\",\"1\",\"3\",\"198093\",\"\",\"false\",\"\",\"UK4UP1300002\",\"\",\"2020-07-19T09:24:39Z\"",
            lines[1]);
        Assert.Equal(
            "\"spotify:local:The+Waymores:Heart+of+Stone:Heart+of+Stone:128\",\"Heart of Stone\",\"\",\"The Waymores\",\"\",\"Heart of Stone\",\"\",\"\",\"\",\"\",\"0\",\"0\",\"128000\",\"\",\"false\",\"\",\"\",\"spotify:user:u8ins5esg43wtxk4h66o5d1nb\",\"2021-02-24T06:12:40Z\"",
            lines[2]);
        Assert.Equal(["", ], lines[3..]);
    }

    [Fact]
    public void Round_trips_through_an_independent_RFC_4180_parser_with_every_entry_in_order()
    {
        var csv = ExportSamples.Write(ExportFormat.ExportifyCsv);
        var rows = ParseWithTextFieldParser(csv);

        Assert.Equal(ExportifyCsvWriter.Columns, rows[0]);
        var data = rows.Skip(1).ToList();
        Assert.All(data, row => Assert.Equal(19, row.Length));
        Assert.Equal(ExportSamples.Uris, data.Select(row => row[0]));

        var groove = data[2];
        Assert.Equal("Let's \"Groove\"\r\n<script>alert(1)</script> & more", groove[1]);
        Assert.Equal("Earth\\, Wind & Fire, \u0645\u062D\u0645\u062F \u0639\u0628\u062F\u0647, DJ 🎧‍🔥", groove[3]);
        Assert.Equal(["Earth, Wind & Fire", "\u0645\u062D\u0645\u062F \u0639\u0628\u062F\u0647", "DJ 🎧‍🔥"], CsvPlaylistReader.SplitNames(groove[3]));
        Assert.Equal("spotify:artist:4QQgXkCYTt3BlENzhyNETg, spotify:artist:0mrMIqnuzNbxvUA0XRcLF7, ", groove[2]);
        Assert.Equal("true", groove[14]);
        Assert.Equal("spotify:user:user,with\"quote", groove[17]);
        Assert.Equal("2026-01-02T01:04:05.678Z", groove[18]); // UTC, whatever offset the vault gave

        var episode = data[3];
        Assert.Equal(["spotify:show:5CfCWKI5pZ28U0uOzXkDHe", "The Show\\, Daily", "spotify:show:5CfCWKI5pZ28U0uOzXkDHe", "The Show, Daily"],
            [episode[2], episode[3], episode[4], episode[5]]);
        Assert.All(data, row => Assert.Equal("", row[13])); // preview URL
        Assert.All(data, row => Assert.Equal("", row[15])); // popularity
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("tr-TR")]
    public void Output_does_not_depend_on_the_culture(string culture)
    {
        var invariant = ExportSamples.InCulture("en-US", () => ExportSamples.Write(ExportFormat.ExportifyCsv));
        var local = ExportSamples.InCulture(culture, () => ExportSamples.Write(ExportFormat.ExportifyCsv));
        Assert.Equal(invariant, local);
        Assert.StartsWith(ExportifyHeader, local, StringComparison.Ordinal);
        Assert.Contains("\"2020-07-19T09:24:39Z\"", local, StringComparison.Ordinal);
    }

    [Fact]
    public void File_is_UTF8_without_BOM()
    {
        using var output = new MemoryStream();
        PlaylistExporter.Write(ExportFormat.ExportifyCsv, ExportSamples.Playlist, ExportSamples.Entries, output);
        var bytes = output.ToArray();
        Assert.Equal((byte)'"', bytes[0]);
        Assert.Contains("DJ 🎧‍🔥", new System.Text.UTF8Encoding(false, true).GetString(bytes), StringComparison.Ordinal);
    }

    internal static List<string[]> ParseWithTextFieldParser(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields() ?? []);
        }
        return rows;
    }
}
