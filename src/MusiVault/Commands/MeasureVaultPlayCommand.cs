using System.Management.Automation;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

/// <summary>Plays counted and summed per track, artist, album, show, local-time bucket or platform, in SQL.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "VaultPlay")]
[OutputType(typeof(VaultPlayMeasure))]
public sealed class MeasureVaultPlayCommand : VaultQueryCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public VaultPlayGrouping By { get; set; }

    [Parameter]
    [DateTimeTransformation]
    public DateTime? After { get; set; }

    [Parameter]
    [DateTimeTransformation]
    public DateTime? Before { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string? Artist { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string? Track { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string? Album { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string? Show { get; set; }

    [Parameter]
    public TimeSpan? MinPlayed { get; set; }

    [Parameter]
    public SwitchParameter IncludeSkipped { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Top { get; set; }

    protected override void EndProcessing() => WriteEach(() => Queries.MeasurePlays(new PlayQuery
    {
        After = After,
        Before = Before,
        Artist = Artist,
        Name = Track,
        Album = Album,
        Show = Show,
        MinPlayed = MinPlayed,
        IncludeSkipped = IncludeSkipped,
    }, By, Top));
}
