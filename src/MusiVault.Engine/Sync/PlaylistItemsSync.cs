using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Sync;

/// <summary>
/// The items of one playlist: read all pages, then replace its entries in one transaction. The entries are held in
/// memory until then, so the read is bounded: Spotify playlists hold at most 10,000 items; a chain beyond
/// <see cref="MaxItems"/> is a failed read, whatever the listing's total says.
/// </summary>
internal static class PlaylistItemsSync
{
    public const int MaxItems = 20_000;

    /// <summary>Returns whether the entries changed. <paramref name="quiet"/>: store without history (a baseline).</summary>
    public static async Task<bool> RunAsync(SyncContext context, SpotifyPlaylist playlist, StoredPlaylist? old, bool quiet, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var first = await client.GetPlaylistItemsPageAsync(playlist.Id, 0, cancellationToken);
        if (!first.IsAvailable)
        {
            var warn = old is null || !old.Warned;
            await context.WriteAsync(() => context.Vault.Playlists.MarkItemsRefused(playlist.Id, first.UnavailableReason), cancellationToken);
            if (warn)
            {
                context.Warn($"The items of playlist '{playlist.Name}' ({playlist.Id}, owned by {playlist.OwnerName ?? playlist.OwnerId}) are not available to this app ({first.UnavailableReason}): Spotify does not show a Development-Mode app the items of playlists you neither own nor collaborate on. Its details are archived; its tracks are not. This warning is not repeated.");
            }
            return false;
        }

        var entries = new List<SpotifyPlaylistEntry>(Math.Clamp(playlist.ItemsTotal ?? 0, 0, MaxItems));
        var firstPage = first.Value!;
        async Task<SpotifyPage<SpotifyPlaylistEntry>> Fetch(int offset, CancellationToken ct)
        {
            if (offset == 0)
            {
                return firstPage;
            }
            var result = await client.GetPlaylistItemsPageAsync(playlist.Id, offset, ct);
            return result.Value ?? throw new MusiVaultException("PlaylistItemsRefused", ErrorKind.PermissionDenied,
                $"Spotify stopped serving the items of playlist '{playlist.Name}' mid-read: {result.UnavailableReason}", playlist.Id);
        }
        await foreach (var page in context.Pages.ReadAllAsync(Fetch, cancellationToken, Math.Min(MaxItems, context.Pages.MaxItems)))
        {
            entries.AddRange(page.Items);
        }

        var changed = false;
        await context.WriteAsync(() => changed = context.Vault.PlaylistEntries(context.History).Replace(playlist, entries, quiet), cancellationToken);
        return changed;
    }
}
