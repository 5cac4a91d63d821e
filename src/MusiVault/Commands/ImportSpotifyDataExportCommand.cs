using System.Management.Automation;
using MusiVault.Engine;
using MusiVault.Engine.Import;

namespace MusiVault.Commands;

/// <summary>Imports Spotify's privacy export (the zip, an extracted folder or single files) into the vault.</summary>
[Cmdlet(VerbsData.Import, "SpotifyDataExport", SupportsShouldProcess = true)]
[OutputType(typeof(ImportResult))]
public sealed class ImportSpotifyDataExportCommand : VaultCmdlet
{
    private const int ProgressActivityId = 16;
    private readonly List<string> _paths = [];

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Also store ip_addr, user_agent_decrypted and username (personal data; off by default).</summary>
    [Parameter]
    public SwitchParameter IncludeNetworkFields { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            _paths.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
        }
    }

    protected override void EndProcessing()
    {
        var vault = VaultPath;
        var dryRun = !ShouldProcess(vault, $"Import the Spotify data export {string.Join(", ", _paths)}");
        var options = new ImportOptions { IncludeNetworkFields = IncludeNetworkFields, DryRun = dryRun };
        var observer = new Observer(this);
        var result = Run(() => ImportService.Import(vault, _paths, options, observer, CancellationToken));
        WriteProgress(new ProgressRecord(ProgressActivityId, "Importing Spotify data export", "Done") { RecordType = ProgressRecordType.Completed });
        WriteObject(result);
    }

    private sealed class Observer(ImportSpotifyDataExportCommand cmdlet) : IImportObserver
    {
        public void FileStarting(string fileName, int index, int count) =>
            cmdlet.WriteProgress(new ProgressRecord(ProgressActivityId, "Importing Spotify data export", fileName)
            {
                PercentComplete = count == 0 ? 0 : 100 * index / count,
            });

        public void FileFailed(MusiVaultException error) => cmdlet.WriteError(ToErrorRecord(error));
    }
}
