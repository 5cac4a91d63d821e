using MusiVault.Engine.Report;

namespace MusiVault.Engine.Tests.Report;

/// <summary>One Chromium for all report checks; the reports are written where CI keeps artifacts (out/test-results).</summary>
public sealed class ReportBrowserFixture : IAsyncLifetime
{
    private HeadlessChromium? _browser;

    internal ReportData Model { get; } = ReportSamples.Hostile();

    internal ReportData ModelWithoutPlays { get; } = ReportSamples.Hostile(withPlays: false);

    internal static string ResultsDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MusiVault.sln")))
            {
                directory = directory.Parent;
            }

            var root = directory?.FullName ?? throw new InvalidOperationException("MusiVault.sln not found above " + AppContext.BaseDirectory);
            return Directory.CreateDirectory(Path.Combine(root, "out", "test-results")).FullName;
        }
    }

    internal Uri ReportUrl { get; private set; } = null!;

    internal Uri ReportWithoutPlaysUrl { get; private set; } = null!;

    internal HeadlessChromium Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public async Task InitializeAsync()
    {
        var options = new ReportRenderOptions { TimeZone = ReportSamples.Zone };
        var path = Path.Combine(ResultsDirectory, "report-test.html");
        ReportRenderer.WriteFile(Model, path, options);
        ReportUrl = new Uri(path);
        var noPlays = Path.Combine(ResultsDirectory, "report-test-no-plays.html");
        ReportRenderer.WriteFile(ModelWithoutPlays, noPlays, options);
        ReportWithoutPlaysUrl = new Uri(noPlays);
        _browser = await HeadlessChromium.StartAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }
}
