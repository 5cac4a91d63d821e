using System.Management.Automation;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

/// <summary>
/// The play filters Get-VaultPlay and Measure-VaultPlay share. -Track is declared by each: it is positional (with the
/// alias Name) in Get-VaultPlay only, where Measure-VaultPlay's position 0 is -By.
/// </summary>
public abstract class VaultPlayFilterCmdlet : VaultQueryCmdlet
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

    private protected PlayQuery PlayFilter(string? track, int? first = null) => new()
    {
        After = After,
        Before = Before,
        Artist = Artist,
        Name = track,
        Album = Album,
        Show = Show,
        MinPlayed = MinPlayed,
        IncludeSkipped = IncludeSkipped,
        First = first,
    };
}
