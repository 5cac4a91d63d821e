using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace MusiVault.Engine.Tests.Report;

/// <summary>The report as a person sees it: opened from disk in a real headless Chromium.</summary>
public sealed class ReportBrowserTests(ReportBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<ReportBrowserFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<CdpPage> OpenAsync(Uri? url = null, int width = 1280, int height = 900, bool mobile = false)
    {
        var page = await fixture.Browser.OpenPageAsync(None);
        try
        {
            await page.SetViewportAsync(width, height, mobile, None);
            await page.NavigateAsync(url ?? fixture.ReportUrl, None);
            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every test ends here: nothing logged as an error, nothing thrown, nothing fetched but the file.</summary>
    private static void AssertClean(CdpPage page, Uri url)
    {
        Assert.Empty(page.Problems());
        var requested = page.RequestedUrls();
        Assert.All(requested, u => Assert.Equal(url.AbsoluteUri, u));
        Assert.NotEmpty(requested);
    }

    [Fact]
    public async Task Overview_shows_the_model_numbers_and_is_saved_as_a_screenshot()
    {
        await using var page = await OpenAsync();
        var shown = await page.EvaluateAsync<Dictionary<string, string>>(
            "Object.fromEntries([...document.querySelectorAll('#overview [data-count]')].map(e => [e.dataset.count, e.textContent]))", None);
        var o = fixture.Model.Overview;
        var expected = new Dictionary<string, long>
        {
            ["likedSongs"] = o.LikedSongs, ["playlists"] = o.Playlists, ["entries"] = o.PlaylistEntries, ["albums"] = o.Albums,
            ["artists"] = o.Artists, ["shows"] = o.Shows, ["episodes"] = o.Episodes, ["plays"] = o.Plays,
        };
        Assert.Equal(expected.Keys.Order(), shown.Keys.Order());
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value, long.Parse(shown[key].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        }

        var png = await page.ScreenshotPngAsync(None);
        await File.WriteAllBytesAsync(Path.Combine(ReportBrowserFixture.ResultsDirectory, "report-overview.png"), png, None);
        Assert.True(png.Length > 1000);

        // The whole page too, with every year and one playlist open: for people reviewing the layout, not asserted.
        await page.EvaluateAsync("location.hash = '#pl-2'; document.querySelectorAll('details').forEach(d => d.open = true)", None);
        await File.WriteAllBytesAsync(Path.Combine(ReportBrowserFixture.ResultsDirectory, "report-full.png"), await page.ScreenshotPngAsync(None, fullPage: true), None);
        AssertClean(page, fixture.ReportUrl);
    }

    [Fact]
    public async Task Time_charts_have_one_point_per_month_with_a_hover_value()
    {
        await using var page = await OpenAsync();
        Assert.Equal(ReportSamples.LibraryMonthCount, await page.EvaluateAsync<int>("document.querySelectorAll('#chart-library .pt').length", None));
        Assert.Equal(ReportSamples.ListeningMonthCount, await page.EvaluateAsync<int>("document.querySelectorAll('#chart-hours .pt').length", None));
        Assert.Equal(7 * 24, await page.EvaluateAsync<int>("document.querySelectorAll('#chart-heat .cell').length", None));

        // A month the model left out (2023-04) is drawn as zero, not skipped.
        var gap = await page.EvaluateAsync<string>("document.querySelectorAll('#chart-library .pt')[3].dataset.tip", None);
        Assert.StartsWith("2023-04: +0 liked", gap, StringComparison.Ordinal);

        // Real mouse movement over the fifth month shows its value in the tooltip.
        var box = await page.EvaluateAsync(
            "(() => { const e = document.querySelectorAll('#chart-library .pt')[4]; e.scrollIntoView({block: 'center'}); " +
            "const r = e.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()", None);
        await page.SendAsync("Input.dispatchMouseEvent",
            new { type = "mouseMoved", x = box.GetProperty("x").GetDouble(), y = box.GetProperty("y").GetDouble() }, None);
        var tip = await page.EvaluateAsync<string>("document.getElementById('tip').hidden ? '' : document.getElementById('tip').textContent", None);
        Assert.StartsWith("2023-05: +14 liked, +24 playlist entries", tip, StringComparison.Ordinal);
        AssertClean(page, fixture.ReportUrl);
    }

    [Fact]
    public async Task Search_finds_a_track_by_an_emoji_case_insensitively()
    {
        await using var page = await OpenAsync();
        await page.EvaluateAsync("document.getElementById('search').focus()", None);
        await page.SendAsync("Input.insertText", new { text = "🎸 HERO" }, None);
        var names = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#results .name')].map(e => e.textContent)", None);
        Assert.Equal([ReportSamples.EmojiTrack], names);
        var where = await page.EvaluateAsync<string>("document.querySelector('#results li').textContent", None);
        Assert.Contains("Road trip 🚗", where, StringComparison.Ordinal);

        await page.EvaluateAsync("(() => { const s = document.getElementById('search'); s.value = 'فيروز'; s.dispatchEvent(new Event('input')); })()", None);
        Assert.Equal([ReportSamples.RtlTrack], await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#results .name')].map(e => e.textContent)", None));
        AssertClean(page, fixture.ReportUrl);
    }

    [Fact]
    public async Task Names_with_markup_show_as_text_and_never_run()
    {
        await using var page = await OpenAsync();
        Assert.Equal(2, await page.EvaluateAsync<int>("document.scripts.length", None));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('img, b, i, iframe, object').length", None));

        // Server-side text: the vanished list and the playlists table.
        var body = await page.EvaluateAsync<string>("document.body.innerText", None);
        Assert.Contains(ReportSamples.ScriptName, body, StringComparison.Ordinal);
        Assert.Contains("<script>alert('pl')</script>", body, StringComparison.Ordinal);
        Assert.Contains(ReportSamples.QuotedPlaylist, body, StringComparison.Ordinal);

        // Script-built text: the playlist section filled from the JSON island, opened through its link.
        await page.EvaluateAsync("location.hash = '#pl-1'", None);
        var section = await page.EvaluateAsync<string>("document.getElementById('pl-1').open ? document.getElementById('pl-1').innerText : ''", None);
        Assert.Contains(ReportSamples.ScriptName, section, StringComparison.Ordinal);
        Assert.Contains(ReportSamples.ImageName, section, StringComparison.Ordinal);
        Assert.Contains("old <name> → <script>alert('pl')</script>", section, StringComparison.Ordinal);

        await page.EvaluateAsync("(() => { const s = document.getElementById('search'); s.value = '<script>'; s.dispatchEvent(new Event('input')); })()", None);
        Assert.Equal([ReportSamples.ScriptName], await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#results .name')].map(e => e.textContent)", None));
        Assert.Equal(2, await page.EvaluateAsync<int>("document.scripts.length", None));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('img, b, i, iframe, object').length", None));
        AssertClean(page, fixture.ReportUrl);
    }

    [Fact]
    public async Task Playlists_table_sorts_and_filters()
    {
        await using var page = await OpenAsync();
        const string Names = "[...document.querySelectorAll('#pl-table tbody tr')].filter(r => !r.hidden).map(r => r.cells[0].textContent)";
        await page.EvaluateAsync("document.querySelectorAll('#pl-table th button')[2].click()", None);
        var ascending = await page.EvaluateAsync<string[]>(Names, None);
        Assert.Equal(fixture.Model.Playlists.OrderBy(p => p.EntryCount).Select(p => p.Name), ascending);
        await page.EvaluateAsync("document.querySelectorAll('#pl-table th button')[2].click()", None);
        Assert.Equal(fixture.Model.Playlists.OrderByDescending(p => p.EntryCount).Select(p => p.Name), await page.EvaluateAsync<string[]>(Names, None));

        await page.EvaluateAsync("(() => { const f = document.getElementById('pl-filter'); f.value = 'TRIP 🚗'; f.dispatchEvent(new Event('input')); })()", None);
        Assert.Equal(["Road trip 🚗"], await page.EvaluateAsync<string[]>(Names, None));
        Assert.Equal("1 of 4 playlists", await page.EvaluateAsync<string>("document.getElementById('pl-shown').textContent", None));
        AssertClean(page, fixture.ReportUrl);
    }

    [Fact]
    public async Task Phone_width_has_no_horizontal_overflow()
    {
        await using var page = await OpenAsync(width: 375, height: 800, mobile: true);
        await page.EvaluateAsync("document.querySelectorAll('details').forEach(d => d.open = true)", None);
        var widths = await page.EvaluateAsync("({doc: document.documentElement.scrollWidth, view: window.innerWidth})", None);
        Assert.True(widths.GetProperty("doc").GetInt32() <= widths.GetProperty("view").GetInt32(), widths.GetRawText());
        AssertClean(page, fixture.ReportUrl);
    }

    [Fact]
    public async Task Without_plays_the_listening_section_says_how_to_get_them()
    {
        await using var page = await OpenAsync(fixture.ReportWithoutPlaysUrl);
        var notice = await page.EvaluateAsync<string>("document.getElementById('no-plays').textContent", None);
        Assert.Contains("Import-SpotifyDataExport", notice, StringComparison.Ordinal);
        Assert.Contains("Sync-SpotifyLibrary", notice, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('#chart-hours, #chart-heat').length", None));
        Assert.Equal(JsonValueKind.String, (await page.EvaluateAsync("document.querySelector('[data-count=plays]').textContent", None)).ValueKind);
        AssertClean(page, fixture.ReportWithoutPlaysUrl);
    }

    /// <summary>The 40,000-entry report opens cleanly and the search works over 30,000 tracks; times are printed, not asserted.</summary>
    [Fact]
    public async Task Large_report_opens_and_searches_cleanly()
    {
        var path = Path.Combine(ReportBrowserFixture.ResultsDirectory, "report-large-browser.html");
        MusiVault.Engine.Report.ReportRenderer.WriteFile(ReportSamples.Large(), path);
        var url = new Uri(path);
        var watch = Stopwatch.StartNew();
        await using var page = await OpenAsync(url);
        var loaded = watch.ElapsedMilliseconds;
        watch.Restart();
        await page.EvaluateAsync("(() => { const s = document.getElementById('search'); s.value = 'title number 2999'; s.dispatchEvent(new Event('input')); })()", None);
        var count = await page.EvaluateAsync<string>("document.getElementById('result-count').textContent", None);
        var searched = watch.ElapsedMilliseconds;
        watch.Restart();
        await page.EvaluateAsync("location.hash = '#pl-199'", None);
        var rows = await page.EvaluateAsync<int>("document.querySelectorAll('#pl-199 tbody tr').length", None);
        output.WriteLine($"Large report in Chromium: load {loaded} ms, first search {searched} ms ({count}), open a playlist {watch.ElapsedMilliseconds} ms");
        Assert.Equal("11 tracks.", count);
        Assert.Equal(400, rows);
        AssertClean(page, url);
    }
}
