using MusiVault.Engine.OAuth;
using MusiVault.Engine.Query;

namespace MusiVault.Engine.Report;

/// <summary>What Export-VaultReport asks for. Times are instants; -Year is a calendar year in <see cref="TimeZone"/>.</summary>
public sealed record ReportExportRequest
{
    public required string VaultPath { get; init; }
    public required string Path { get; init; }
    public int? Year { get; init; }
    public DateTimeOffset? After { get; init; }
    public DateTimeOffset? Before { get; init; }
    public bool Force { get; init; }
    public bool EmbedImages { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;
}

/// <summary>The steps of a report, in order; on a large vault the listening step (a million plays) takes longest.</summary>
public enum ReportPhase
{
    Library,
    History,
    Listening,
    Thumbnails,
    Writing,
}

/// <summary>What the exporter tells the cmdlet while it works (the cmdlet turns it into Write-Progress).</summary>
public interface IReportObserver
{
    /// <summary>Step <paramref name="index"/> (0-based) of <paramref name="count"/> starts; <paramref name="description"/> says what it reads or writes.</summary>
    void PhaseStarting(ReportPhase phase, string description, int index, int count);
}

/// <summary>The engine entry point of Export-VaultReport: read the vault's aggregates, write one self-contained HTML file.</summary>
public static class VaultReportExporter
{
    public static FileInfo Export(ReportExportRequest request, CancellationToken cancellationToken) =>
        Export(request, null, cancellationToken);

    public static FileInfo Export(ReportExportRequest request, IReportObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = System.IO.Path.GetFullPath(request.Path);
        var vault = System.IO.Path.GetFullPath(request.VaultPath);
        if (string.Equals(path, vault, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new MusiVaultException("ReportPathIsVault", ErrorKind.InvalidArgument,
                $"'{path}' is the vault itself; give the report another file name, e.g. report.html.", path);
        }
        if (request.After is { } after && request.Before is { } before && after >= before)
        {
            throw new MusiVaultException("ReportWindowEmpty", ErrorKind.InvalidArgument,
                $"-After ({after:u}) must be earlier than -Before ({before:u}).", request.After);
        }
        if (Directory.Exists(path))
        {
            throw new MusiVaultException("ReportPathIsFolder", ErrorKind.InvalidArgument,
                $"'{path}' is a folder; give a file name such as '{System.IO.Path.Combine(path, "report.html")}'.", path);
        }
        var folder = System.IO.Path.GetDirectoryName(path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new MusiVaultException("ReportFolderNotFound", ErrorKind.ObjectNotFound,
                $"The folder '{folder}' does not exist; create it first or choose another path.", folder);
        }
        if (File.Exists(path) && !request.Force)
        {
            throw new MusiVaultException("ReportFileExists", ErrorKind.ResourceExists,
                $"'{path}' already exists. Use -Force to replace it.", path);
        }

        // Read everything first: a missing or unreadable vault fails before any file is touched.
        var window = ReportWindow.Of(request.Year, request.After, request.Before, request.TimeZone);
        var phases = request.EmbedImages ? AllPhases : PhasesWithoutThumbnails;
        void Starting(ReportPhase phase) => observer?.PhaseStarting(phase, Describe(phase), Array.IndexOf(phases, phase), phases.Length);
        var data = ReportReads.Read(vault, window, request.TimeZone, DateTimeOffset.Now, cancellationToken, Starting);
        if (request.EmbedImages)
        {
            Starting(ReportPhase.Thumbnails);
        }
        var options = new ReportRenderOptions
        {
            TimeZone = request.TimeZone,
            EmbedImages = request.EmbedImages,
            Thumbnails = request.EmbedImages ? ReportReads.Thumbnails(vault, ImageUrls(data)) : new Dictionary<string, ReportThumbnail>(),
        };
        Starting(ReportPhase.Writing);
        ReportRenderer.WriteFile(data, path, options, cancellationToken);
        return new FileInfo(path);
    }

    private static readonly ReportPhase[] AllPhases = Enum.GetValues<ReportPhase>();
    private static readonly ReportPhase[] PhasesWithoutThumbnails = [.. AllPhases.Where(p => p != ReportPhase.Thumbnails)];

    private static string Describe(ReportPhase phase) => phase switch
    {
        ReportPhase.Library => "Reading playlists, entries and tracks",
        ReportPhase.History => "Reading the library's history",
        ReportPhase.Listening => "Reading the listening history",
        ReportPhase.Thumbnails => "Reading stored thumbnails",
        _ => "Writing the report",
    };

    /// <summary>Opens the report in the default browser ($BROWSER first, as Connect-Spotify does); false when nothing started.</summary>
    public static bool Show(FileInfo report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return BrowserLauncher.TryOpen(new Uri(report.FullName));
    }

    private static IEnumerable<string> ImageUrls(ReportData data) =>
        data.Playlists.Select(p => p.ImageUrl)
            .Concat(data.Listening?.TopByYear.SelectMany(y => y.TopArtists.Concat(y.TopTracks).Concat(y.TopAlbums)).Select(i => i.ImageUrl) ?? [])
            .OfType<string>();
}
