using System.Management.Automation;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

/// <summary>Plays from every source (the API's recently played and imported data exports), newest first.</summary>
[Cmdlet(VerbsCommon.Get, "VaultPlay")]
[Alias("Get-VaultRecentlyPlayed")]
[OutputType(typeof(VaultPlay))]
public sealed class GetVaultPlayCommand : VaultQueryCmdlet
{
    [Parameter]
    [DateTimeTransformation]
    public DateTime? After { get; set; }

    [Parameter]
    [DateTimeTransformation]
    public DateTime? Before { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string? Artist { get; set; }

    [Parameter(Position = 0)]
    [Alias("Name")]
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
    public int? First { get; set; }

    protected override void EndProcessing() => WriteEach(() => Queries.Plays(new PlayQuery
    {
        After = After,
        Before = Before,
        Artist = Artist,
        Name = Track,
        Album = Album,
        Show = Show,
        MinPlayed = MinPlayed,
        IncludeSkipped = IncludeSkipped,
        First = First,
    }));
}
