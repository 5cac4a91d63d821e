using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Restore;
using MusiVault.Engine.Spotify.Auth;

namespace MusiVault.Commands;

/// <summary>
/// Saves into the connected account what the vault had (now or as of a date) and the account lacks: liked songs
/// (oldest first), saved albums, shows and episodes, followed playlists and artists. One result per collection.
/// </summary>
[Cmdlet(VerbsData.Restore, "SpotifyLibrary", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RestoreResult))]
public sealed class RestoreSpotifyLibraryCommand : RestoreCmdlet
{
    [Parameter]
    public RestoreCollection[] Include { get; set; } = [RestoreCollection.LikedSongs, RestoreCollection.SavedAlbums, RestoreCollection.SavedShows,
        RestoreCollection.SavedEpisodes, RestoreCollection.FollowedPlaylists, RestoreCollection.FollowedArtists];

    [Parameter]
    public DateTimeOffset? AsOf { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string? Profile { get; set; }

    protected override void EndProcessing()
    {
        var vault = VaultPath;
        using var pump = new EnginePump();
        if (!TryRun(() => pump.Execute(async cancellationToken =>
        {
            using var session = await SpotifySession.OpenAsync(Profile, null, cancellationToken);
            return await SpotifyRestore.PlanLibraryAsync(session, vault, Include, AsOf, cancellationToken);
        }, CancellationToken), out var plans))
        {
            return;
        }
        foreach (var plan in plans)
        {
            Restore(plan, vault, Profile, $"Save {plan.Count} items to your {plan.Kind}", plan.Kind);
        }
    }
}
