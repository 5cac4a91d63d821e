using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MusiVault.Engine.Report;
using Xunit.Abstractions;

namespace MusiVault.Engine.Tests.Report;

/// <summary>The rendered file as text: escaping, the data island, the security policy and the size budget.</summary>
public sealed partial class ReportRendererTests(ITestOutputHelper output)
{
    private static string Render(ReportData data)
    {
        using var writer = new StringWriter();
        ReportRenderer.Render(data, writer, new ReportRenderOptions { TimeZone = ReportSamples.Zone });
        return writer.ToString();
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataIsland();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [Fact]
    public void Markup_in_names_never_reaches_the_page_raw()
    {
        var html = Render(ReportSamples.Hostile());
        Assert.DoesNotContain("alert(1)</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Data_island_is_json_without_markup_characters_and_keeps_every_name()
    {
        var model = ReportSamples.Hostile() with
        {
            Tracks = [.. ReportSamples.Hostile().Tracks, new ReportTrack("lone \ud800 surrogate \u2028 line", ["a\\b"], "tab\there")],
        };
        var json = DataIsland().Match(Render(model)).Groups[1].Value;
        Assert.DoesNotContain('<', json);
        Assert.DoesNotContain('>', json);
        Assert.DoesNotContain('&', json);
        Assert.DoesNotContain('\u2028', json);

        using var document = JsonDocument.Parse(json);
        var tracks = document.RootElement.GetProperty("tracks");
        Assert.Equal(model.Tracks.Count, tracks.GetArrayLength());
        // A lone surrogate stays a \u escape, as JavaScript reads it; System.Text.Json refuses to decode it, so compare text.
        Assert.Contains("[\"lone \\ud800 surrogate \\u2028 line\",[\"a\\\\b\"],\"tab\\there\"]", json, StringComparison.Ordinal);
        for (var i = 0; i < model.Tracks.Count - 1; i++)
        {
            Assert.Equal(model.Tracks[i].Name, tracks[i][0].GetString());
            Assert.Equal(model.Tracks[i].Artists, tracks[i][1].EnumerateArray().Select(a => a.GetString()));
        }

        var playlists = document.RootElement.GetProperty("playlists");
        Assert.Equal(model.Playlists.Select(p => p.Name), playlists.EnumerateArray().Select(p => p.GetProperty("n").GetString()));
        Assert.Equal("2026-08-19T16:00:00+02:00", playlists[0].GetProperty("e")[0][1].GetString());
    }

    [Fact]
    public void Content_security_policy_allows_exactly_the_inline_script()
    {
        var html = Render(ReportSamples.Hostile());
        var script = InlineScript().Match(html).Groups[1].Value;
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"script-src '{hash}'", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', script);
    }

    [Theory]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:image/png;base64,AAAA", null)]
    [InlineData("//evil.example/x.png", null)]
    [InlineData("https://i.scdn.co/image/ab67", "https://i.scdn.co/image/ab67")]
    public void Only_http_links_are_kept(string url, string? expected) => Assert.Equal(expected, ReportEscaping.SafeLink(url));

    [Fact]
    public void Images_are_links_unless_thumbnails_are_embedded()
    {
        var model = ReportSamples.Hostile();
        var url = model.Listening!.TopByYear[0].TopAlbums[0].ImageUrl!;
        var linked = Render(model);
        Assert.Contains($"href=\"{url}\"", linked, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", linked, StringComparison.Ordinal);

        using var writer = new StringWriter();
        ReportRenderer.Render(model, writer, new ReportRenderOptions
        {
            EmbedImages = true,
            Thumbnails = new Dictionary<string, ReportThumbnail> { [url] = new("image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF }) },
        });
        Assert.Contains("<img class=\"thumb\" alt=\"\" src=\"data:image/jpeg;base64,/9j/\">", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_track_index_outside_the_model_is_an_error_not_another_track()
    {
        var model = ReportSamples.Hostile() with { RecentlyVanished = [new VanishedTrack(999, "x", ReportSamples.Now, VanishedReason.Removed)] };
        Assert.Throws<InvalidOperationException>(() => Render(model));
    }

    /// <summary>Size is a budget checked here; the time is only reported (speed belongs to the benchmarks).</summary>
    [Fact]
    public void Report_of_a_large_vault_stays_under_ten_megabytes()
    {
        var model = ReportSamples.Large();
        var path = Path.Combine(ReportBrowserFixture.ResultsDirectory, "report-large.html");
        var watch = Stopwatch.StartNew();
        ReportRenderer.WriteFile(model, path);
        watch.Stop();
        var size = new FileInfo(path).Length;
        output.WriteLine($"Large report: {size / 1024.0 / 1024.0:0.00} MiB in {watch.ElapsedMilliseconds} ms " +
                         $"({model.Tracks.Count} tracks, {model.Playlists.Sum(p => p.Entries.Count)} entries, {model.Playlists.Count} playlists)");
        Assert.True(size < 10 * 1024 * 1024, $"{size} bytes");
    }
}
