using System.Management.Automation;
using MusiVault.Engine.Report;

namespace MusiVault.Commands;

[Cmdlet(VerbsData.Export, "VaultReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportVaultReportCommand : VaultCmdlet
{
    private const int ProgressActivityId = 17;
    private const string Activity = "Writing the vault report";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    [ValidateRange(1900, 9998)]
    public int? Year { get; set; }

    [Parameter]
    [DateTimeTransformation]
    public DateTime? After { get; set; }

    [Parameter]
    [DateTimeTransformation]
    public DateTime? Before { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter EmbedImages { get; set; }

    [Parameter]
    public SwitchParameter Show { get; set; }

    protected override void EndProcessing()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        var action = File.Exists(path) ? "Replace with a report of the vault" : "Write a report of the vault";
        if (!ShouldProcess(path, action))
        {
            return;
        }
        var request = new ReportExportRequest
        {
            VaultPath = VaultPath,
            Path = path,
            Year = Year,
            // A DateTime without a kind is local time, as everywhere in PowerShell.
            After = After is { } after ? new DateTimeOffset(after) : null,
            Before = Before is { } before ? new DateTimeOffset(before) : null,
            Force = Force,
            EmbedImages = EmbedImages,
        };
        var report = Run(() => VaultReportExporter.Export(request, new Observer(this), CancellationToken));
        WriteProgress(new ProgressRecord(ProgressActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        WriteObject(report);
        if (Show && !VaultReportExporter.Show(report))
        {
            WriteWarning($"Could not start a browser. Open '{report.FullName}' yourself, or set $env:BROWSER.");
        }
    }

    private sealed class Observer(ExportVaultReportCommand cmdlet) : IReportObserver
    {
        public void PhaseStarting(ReportPhase phase, string description, int index, int count) =>
            cmdlet.WriteProgress(new ProgressRecord(ProgressActivityId, Activity, description)
            {
                PercentComplete = count == 0 ? 0 : 100 * index / count,
            });
    }
}
