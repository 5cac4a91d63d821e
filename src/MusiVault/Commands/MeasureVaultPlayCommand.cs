using System.Management.Automation;

namespace MusiVault.Commands;

/// <summary>Plays counted and summed per track, artist, album, show, local-time bucket or platform, in SQL.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "VaultPlay")]
[OutputType(typeof(VaultPlayMeasure))]
public sealed class MeasureVaultPlayCommand : VaultPlayFilterCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public VaultPlayGrouping By { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string? Track { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Top { get; set; }

    protected override void EndProcessing() => WriteEach(() => Queries.MeasurePlays(PlayFilter(Track), By, Top));
}
