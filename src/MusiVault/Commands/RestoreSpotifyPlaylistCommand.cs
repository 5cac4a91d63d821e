using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Restore;

namespace MusiVault.Commands;

/// <summary>
/// Creates a playlist in the connected Spotify account from a vault playlist (now or as of a date) or from an
/// Exportify-style CSV, and adds its items in order. Never changes an existing playlist; a rerun after a crash
/// continues the same playlist (the vault journals each write).
/// </summary>
[Cmdlet(VerbsData.Restore, "SpotifyPlaylist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = VaultSet)]
[OutputType(typeof(RestoreResult))]
public sealed class RestoreSpotifyPlaylistCommand : RestoreCmdlet
{
    private const string VaultSet = "Vault";
    private const string CsvSet = "Csv";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = VaultSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PlaylistId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VaultPlaylistCompleter))]
    public string Playlist { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = CsvSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(ParameterSetName = VaultSet)]
    public DateTimeOffset? AsOf { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    public SwitchParameter Public { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string? Profile { get; set; }

    protected override void ProcessRecord()
    {
        var vault = VaultPath;
        if (!TryRun(() => ParameterSetName == CsvSet
                ? SpotifyRestore.PlanCsv(GetUnresolvedProviderPathFromPSPath(Path), Name, Public)
                : SpotifyRestore.PlanPlaylist(vault, Playlist, AsOf, Name, Public), out var plan))
        {
            return;
        }
        Restore(plan, vault, Profile, $"Create playlist '{plan.TargetName}' and add {plan.Count} items", plan.TargetName);
    }
}
