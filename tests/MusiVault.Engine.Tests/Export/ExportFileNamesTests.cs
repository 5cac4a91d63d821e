using System.Globalization;
using System.Text;
using MusiVault.Engine.Export;

namespace MusiVault.Engine.Tests.Export;

public sealed class ExportFileNamesTests
{
    public static TheoryData<string> AwkwardNames => new()
    {
        "Road Trip",
        "a/b\\c:d*e?f\"g<h>i|j",
        "tab\there\nnew\rline\u0000nul\u007Fdel\u0085nel",
        "CON", "con", "Con.txt", "PRN", "AUX", "NUL", "nul.tar.gz", "COM1", "com9", "LPT1", "lpt9", "COM\u00B9", "LPT\u00B3", "CONIN$", "CON ",
        "a.", "a...", "trailing space   ", "   ", "", ".", "..", "...", ".hidden",
        "<script>alert('x')</script>",
        "🎧‍🔥 Party 👨‍👩‍👧‍👦",
        "\u0645\u0648\u0633\u064A\u0642\u0649 \u0639\u0631\u0628\u064A\u0629",
        "fake\u202Egpj.exe",
        "e\u0301t\u0301e\u0301 (decomposed)",
        new string('x', 300),
        string.Concat(Enumerable.Repeat("é", 200)),
        string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 20)),
        string.Concat(Enumerable.Repeat("😀", 100)) + ".",
        "lone \uD800 surrogate",
        "a" + new string('\u0301', 400),
    };

    [Theory]
    [MemberData(nameof(AwkwardNames))]
    public void Every_name_is_valid_on_Windows_macOS_and_Linux_and_can_be_created_here(string playlistName)
    {
        foreach (var extension in new[] { ".csv", ".m3u8", ".xspf", ".json" })
        {
            var name = ExportFileNames.For(playlistName, "37i9dQZF1DXcBWIGoYBM5M", extension);

            var problem = WindowsNameRules.Problems(name);
            Assert.True(problem is null, $"'{name}' from '{playlistName}': {problem}");
            Assert.True(Encoding.UTF8.GetByteCount(name) <= 255, $"{Encoding.UTF8.GetByteCount(name)} bytes");
            Assert.EndsWith(extension, name, StringComparison.Ordinal);
            Assert.False(name.StartsWith('.'), "hidden on Unix");
            Assert.Equal(name, name.Normalize(NormalizationForm.FormC));
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(name); // no lone surrogates

            var folder = Directory.CreateTempSubdirectory("musivault-names-");
            try
            {
                var path = Path.Join(folder.FullName, name);
                File.WriteAllText(path, "x");
                Assert.Equal([name], Directory.GetFiles(folder.FullName).Select(Path.GetFileName));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("CON", "CON_.csv")]
    [InlineData("con.tar", "con_.tar.csv")]
    [InlineData("a.", "a.csv")]
    [InlineData("a/b:c", "a_b_c.csv")]
    [InlineData(".hidden", "_hidden.csv")]
    [InlineData("   ", "playlist 37i9dQZF1DXcBWIGoYBM5M.csv")]
    [InlineData("COM10", "COM10.csv")]
    public void Names_are_changed_only_where_a_rule_requires(string playlistName, string expected)
    {
        Assert.Equal(expected, ExportFileNames.For(playlistName, "37i9dQZF1DXcBWIGoYBM5M", ".csv"));
    }

    [Fact]
    public void Long_names_are_cut_between_grapheme_clusters_and_keep_the_extension()
    {
        var family = "👨‍👩‍👧‍👦"; // 25 bytes, one grapheme
        var name = ExportFileNames.For(string.Concat(Enumerable.Repeat(family, 20)), null, ".xspf");

        Assert.EndsWith(".xspf", name, StringComparison.Ordinal);
        var stem = name[..^5];
        Assert.Equal(250 / 25, new StringInfo(stem).LengthInTextElements);
        Assert.Equal(string.Concat(Enumerable.Repeat(family, 10)), stem);
    }

    [Fact]
    public void Two_playlists_with_one_name_get_distinct_names_even_ignoring_case()
    {
        var names = new ExportFileNameSet();
        var first = names.Next("Mix", "aaaaaaaaaaaaaaaaaaaaaa", ".csv");
        var second = names.Next("MIX", "bbbbbbbbbbbbbbbbbbbbbb", ".csv");
        var third = names.Next("Mix", null, ".csv");
        var fourth = names.Next(new string('m', 300), "cccccccccccccccccccccc", ".csv");
        var fifth = names.Next(new string('m', 300), "dddddddddddddddddddddd", ".csv");

        Assert.Equal("Mix.csv", first);
        Assert.Equal("MIX (bbbbbbbbbbbbbbbbbbbbbb).csv", second);
        Assert.Equal("Mix (2).csv", third);
        Assert.NotEqual(fourth.ToUpperInvariant(), fifth.ToUpperInvariant());
        Assert.EndsWith(" (dddddddddddddddddddddd).csv", fifth, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(fifth) <= 255);
    }

    /// <summary>
    /// Windows' rules for a file name, written from Microsoft's "Naming Files, Paths, and Namespaces" independently
    /// of the code under test: reserved characters, control characters, device names (also with an extension),
    /// no trailing space or dot, and 255 UTF-16 units.
    /// </summary>
    private static class WindowsNameRules
    {
        private static readonly string[] Devices =
        [
            "CON", "PRN", "AUX", "NUL",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00B9", "COM\u00B2", "COM\u00B3",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
        ];

        public static string? Problems(string name)
        {
            if (name.Length is 0 or > 255)
            {
                return "length " + name.Length;
            }
            if (name.IndexOfAny(['<', '>', ':', '"', '/', '\\', '|', '?', '*']) >= 0)
            {
                return "reserved character";
            }
            if (name.Any(c => c < 32))
            {
                return "control character";
            }
            if (name.EndsWith(' ') || name.EndsWith('.'))
            {
                return "ends with space or dot";
            }
            var head = name.Split('.')[0].TrimEnd(' ');
            return Devices.Contains(head, StringComparer.OrdinalIgnoreCase) ? "device name " + head : null;
        }
    }
}
