using System.Text.Json;

namespace MusiVault.Engine.Tests.Report;

/// <summary>Printing and right-to-left names, in the real headless Chromium.</summary>
public sealed class ReportPrintAndTextTests(ReportBrowserFixture fixture) : IClassFixture<ReportBrowserFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<CdpPage> OpenAsync()
    {
        var page = await fixture.Browser.OpenPageAsync(None);
        try
        {
            await page.SetViewportAsync(1280, 900, mobile: false, None);
            await page.NavigateAsync(fixture.ReportUrl, None);
            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Printing_hides_the_controls_and_shows_every_year()
    {
        await using var page = await OpenAsync();
        Assert.True(await page.EvaluateAsync<int>("document.querySelectorAll('.years details:not([open])').length", None) > 0);
        // What the page looks like while it prints, recorded by a listener that runs after the page's own.
        await page.EvaluateAsync(
            "window.addEventListener('beforeprint', () => { window.printed = { closed: document.querySelectorAll('.years details:not([open])').length }; })", None);

        var pdf = await page.SendAsync("Page.printToPDF", new { printBackground = false, preferCSSPageSize = false }, None);
        var bytes = Convert.FromBase64String(pdf.GetProperty("data").GetString()!);
        await File.WriteAllBytesAsync(Path.Combine(ReportBrowserFixture.ResultsDirectory, "report-print.pdf"), bytes, None);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        Assert.Equal(0, await page.EvaluateAsync<int>("window.printed ? window.printed.closed : -1", None));
        // Afterwards the page is as it was.
        Assert.True(await page.EvaluateAsync<int>("document.querySelectorAll('.years details:not([open])').length", None) > 0);

        await page.SendAsync("Emulation.setEmulatedMedia", new { media = "print" }, None);
        var hidden = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('nav, input, .noprint')].map(e => getComputedStyle(e).display)", None);
        Assert.NotEmpty(hidden);
        Assert.All(hidden, d => Assert.Equal("none", d));
        Assert.Equal("visible", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#chart-library')).visibility", None));
        Assert.Empty(page.Problems());
    }

    /// <summary>An RTL track by an RTL artist: isolated, the name stays first (left) and the artist after it.</summary>
    [Fact]
    public async Task Right_to_left_names_keep_their_place_beside_other_text()
    {
        await using var page = await OpenAsync();
        var names = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#on-this-day li bdi')].map(e => e.textContent)", None);
        Assert.Equal([ReportSamples.RtlTrack, "فيروز"], names);
        var order = await page.EvaluateAsync(
            "(() => { const b = [...document.querySelectorAll('#on-this-day li bdi')].map(e => e.getBoundingClientRect()); return { name: b[0].left, artist: b[1].left }; })()", None);
        Assert.True(order.GetProperty("name").GetDouble() < order.GetProperty("artist").GetDouble(), order.GetRawText());

        await page.EvaluateAsync($"(() => {{ const s = document.getElementById('search'); s.value = {JsonSerializer.Serialize(ReportSamples.RtlTrack)}; s.dispatchEvent(new Event('input')); }})()", None);
        Assert.Equal("isolate", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#results .name')).unicodeBidi", None));
        Assert.Equal(["فيروز"], await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#results li bdi')].map(e => e.textContent).slice(0, 1)", None));
        Assert.Empty(page.Problems());
    }
}
