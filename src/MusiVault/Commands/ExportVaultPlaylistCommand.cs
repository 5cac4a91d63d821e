using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine;
using MusiVault.Engine.Export;

namespace MusiVault.Commands;

/// <summary>
/// Writes playlists from the vault as files other tools import. Parameter sets keep pipeline binding unambiguous: a
/// string binds to -Playlist by value, a VaultPlaylist binds its PlaylistId by property name.
/// </summary>
[Cmdlet(VerbsData.Export, "VaultPlaylist", SupportsShouldProcess = true, DefaultParameterSetName = PlaylistSet)]
[OutputType(typeof(FileInfo))]
public sealed class ExportVaultPlaylistCommand : VaultCmdlet
{
    private const string PlaylistSet = "Playlist";
    private const string ByIdSet = "PlaylistId";
    private const string LikedSet = "Liked";
    private const string AllSet = "All";
    private const int ProgressActivityId = 4713;
    private const string Activity = "Exporting playlists";

    private PlaylistExportService? _service;
    private int _done;

    [Parameter(ParameterSetName = PlaylistSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VaultPlaylistCompleter))]
    public string[]? Playlist { get; set; }

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? PlaylistId { get; set; }

    [Parameter(ParameterSetName = LikedSet, Mandatory = true)]
    [Parameter(ParameterSetName = AllSet)]
    public SwitchParameter Liked { get; set; }

    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    [Parameter]
    public PlaylistExportFormat Format { get; set; } = PlaylistExportFormat.ExportifyCsv;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Point in time: the playlists as they were then (a date without an offset is local time).</summary>
    [Parameter]
    public DateTimeOffset? AsOf { get; set; }

    [Parameter]
    public SwitchParameter IncludeRemoved { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var options = new PlaylistExportOptions
        {
            VaultPath = VaultPath,
            Destination = ResolveDestination(),
            CurrentDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
            Format = Format,
            Force = Force,
            AsOf = AsOf,
            IncludeRemoved = IncludeRemoved,
        };
        // A destination whose folder is missing leaves nothing to do; the error is written once, here.
        _ = TryRun(() => new PlaylistExportService(options), out _service);
    }

    protected override void ProcessRecord()
    {
        if (_service is not { } service)
        {
            return;
        }
        switch (ParameterSetName)
        {
            case PlaylistSet:
                foreach (var name in Playlist!)
                {
                    ExportEach(() => service.Find(name), total: null);
                }
                break;
            case ByIdSet:
                ExportEach(() => service.FindIds(PlaylistId!), total: null);
                break;
            case LikedSet:
                ExportEach(() => [service.Liked()], total: 1);
                break;
            default:
                ExportEach(() => service.All(Liked), total: -1);
                break;
        }
    }

    protected override void EndProcessing() =>
        WriteProgress(new ProgressRecord(ProgressActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });

    /// <param name="total">How many playlists the whole run exports when known (-1: the count of this choice).</param>
    private void ExportEach(Func<IReadOnlyList<PlaylistExportItem>> choose, int? total)
    {
        if (!TryRun(choose, out var items))
        {
            return;
        }
        var count = total == -1 ? items.Count : total;
        foreach (var item in items)
        {
            WriteProgress(new ProgressRecord(ProgressActivityId, Activity, $"{item.Name}")
            {
                CurrentOperation = count is > 0 ? $"{_done + 1} of {count}" : $"{_done + 1}",
                PercentComplete = count is > 0 ? Math.Min(100, 100 * _done / count.Value) : -1,
            });
            _done++;
            if (!TryRun(() => _service!.PathFor(item), out var path)
                || !ShouldProcess(path, $"Export playlist '{item.Name}' as {Format}"))
            {
                continue;
            }
            if (item.EntriesWithheld)
            {
                WriteWarning($"Spotify does not let this app read the entries of '{item.Name}'; its file lists none.");
            }
            if (TryRun(() => _service!.Write(item, path, CancellationToken), out var result))
            {
                WriteVerbose($"Exported {result.Entries} entries of '{item.Name}' to '{result.File.FullName}'.");
                WriteObject(result.File);
            }
        }
    }

    /// <summary>-Destination as a file-system path ($PWD-relative, ~); a trailing separator still says "folder".</summary>
    private string? ResolveDestination()
    {
        if (string.IsNullOrEmpty(Destination))
        {
            return null;
        }
        var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        var folder = Destination.EndsWith('/') || Destination.EndsWith('\\');
        return folder && !Path.EndsInDirectorySeparator(resolved) ? resolved + Path.DirectorySeparatorChar : resolved;
    }
}
