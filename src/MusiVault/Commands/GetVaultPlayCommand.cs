using System.Management.Automation;

namespace MusiVault.Commands;

/// <summary>Plays from every source (the API's recently played and imported data exports), newest first.</summary>
[Cmdlet(VerbsCommon.Get, "VaultPlay")]
[Alias("Get-VaultRecentlyPlayed")]
[OutputType(typeof(VaultPlay))]
public sealed class GetVaultPlayCommand : VaultPlayFilterCmdlet
{
    [Parameter(Position = 0)]
    [Alias("Name")]
    [SupportsWildcards]
    public string? Track { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void EndProcessing() => WriteEach(() => Queries.Plays(PlayFilter(Track, First)));
}
