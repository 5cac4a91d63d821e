using System.Text.Json;
using MusiVault.Engine.Tests.Report;

// Usage: MusiVault.ReportCheck <report.html> [--screenshot <file.png>] [--width <px>] [--height <px>] [--eval <name> <js>]...
// Loads the report from disk in headless Chromium, runs each expression in order (later ones see what earlier ones
// did, e.g. typing into the search box), and prints one JSON object: the values, the console/exception/log problems
// and every URL the page requested. Exit 0 when it could check; 2 with the reason on stderr when it could not (for
// example no Chromium), so the Pester test fails saying why.
try
{
    var (report, screenshot, width, height, evaluations) = Arguments.Parse(args);
    using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    var ct = cancel.Token;
    await using var browser = await HeadlessChromium.StartAsync(TimeSpan.FromSeconds(60), ct);
    await using var page = await browser.OpenPageAsync(ct);
    await page.SetViewportAsync(width, height, mobile: false, ct);
    await page.NavigateAsync(new Uri(Path.GetFullPath(report)), ct);

    var values = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
    foreach (var (name, expression) in evaluations)
    {
        var value = await page.EvaluateAsync(expression, ct);
        values[name] = value.ValueKind == JsonValueKind.Undefined ? null : value;
    }
    if (screenshot is not null)
    {
        // The overview at the top of the page, in the viewport size asked for.
        await page.EvaluateAsync("window.scrollTo(0, 0)", ct);
        var png = await page.ScreenshotPngAsync(ct);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshot))!);
        await File.WriteAllBytesAsync(screenshot, png, ct);
    }

    var result = new Dictionary<string, object>
    {
        ["values"] = values,
        ["problems"] = page.Problems(),
        ["requests"] = page.RequestedUrls(),
    };
    Console.Out.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or CdpException or OperationCanceledException or TimeoutException)
{
    await Console.Error.WriteLineAsync("report check failed: " + ex.Message);
    return 2;
}

internal static class Arguments
{
    public static (string Report, string? Screenshot, int Width, int Height, List<(string Name, string Expression)> Evaluations) Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("usage: MusiVault.ReportCheck <report.html> [--screenshot <png>] [--width <px>] [--height <px>] [--eval <name> <js>]...");
        }
        string? screenshot = null;
        int width = 1280, height = 900;
        var evaluations = new List<(string, string)>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--screenshot": screenshot = args[++i]; break;
                case "--width": width = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--height": height = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--eval": evaluations.Add((args[++i], args[++i])); break;
                default: throw new ArgumentException("unknown argument: " + args[i]);
            }
        }
        return (args[0], screenshot, width, height, evaluations);
    }
}
