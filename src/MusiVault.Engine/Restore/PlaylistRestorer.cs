using System.Security.Cryptography;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Restore;

/// <summary>
/// Creates one playlist and adds the plan's items in order, 100 a request, journalling in the vault before and after
/// each write. A run that finds a journal continues it: the created playlist is reused (found again by the token in its
/// description when the create itself was not confirmed), and the items already in it are not sent again. A playlist
/// the user deleted since is not continued: the restore starts a new one.
/// </summary>
internal sealed class PlaylistRestorer(SpotifyClient client, RestoreJournalStore journal, Action<string> warning)
{
    private readonly SpotifyClient _client = client;
    private readonly RestoreJournalStore _journal = journal;
    private readonly Action<string> _warning = warning;
    private int _requests;

    public async Task<RestoreResult> RunAsync(RestorePlan plan, string targetUser, CancellationToken cancellationToken)
    {
        var key = string.Join('|', plan.SourcePlaylistId ?? plan.Source, plan.AsOf is { } t ? AsOfText(t) : "now", targetUser, plan.TargetName);
        var journalled = _journal.Find(key);
        if (journalled?.PlaylistId is { } earlier && !await FollowedAsync(earlier, cancellationToken))
        {
            // Deleting a playlist in Spotify only unfollows it: it is still there to read, but not the user's any more.
            _warning($"The playlist {earlier} an earlier restore made is no longer in your library; restoring into a new playlist.");
            journalled = null;
        }
        var entry = journalled ?? _journal.Begin(key, Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(), plan.Items.Count);
        var description = $"{plan.Description} [musivault:{entry.Token}]";
        // A token just drawn names no playlist yet; only an earlier run may have created one it never journalled.
        var playlistId = entry.PlaylistId ?? (journalled is null ? null : await FindByTokenAsync(entry.Token, cancellationToken));
        var created = playlistId is null;
        playlistId ??= await CreateAsync(plan, description, entry.Token, cancellationToken);
        if (entry.PlaylistId is null)
        {
            _journal.PlaylistCreated(key, playlistId);
        }

        // A playlist created by this run is empty; one found again is read to learn where to continue.
        var present = created ? [] : await ReadItemsAsync(playlistId, cancellationToken);
        var start = MatchingPrefix(present, plan.Items);
        if (start < present.Count)
        {
            _warning($"The restored playlist {playlistId} was changed since the interrupted restore; items are added after its first {start} matching entries.");
        }
        var alreadyPresent = start;
        for (var offset = start; offset < plan.Items.Count; offset += SpotifyClient.PlaylistAddLimit)
        {
            var batch = plan.Items.Skip(offset).Take(SpotifyClient.PlaylistAddLimit).Select(i => i.Uri).ToList();
            _journal.Sending(key, batch.Count);
            await AddAsync(playlistId, batch, offset, cancellationToken);
            _journal.Acknowledged(key, offset + batch.Count);
        }
        _journal.Finished(key);
        return new RestoreResult
        {
            Kind = plan.Kind,
            Source = plan.Source,
            AsOf = plan.AsOf,
            TargetId = playlistId,
            TargetName = plan.TargetName,
            TargetUri = "spotify:playlist:" + playlistId,
            Planned = plan.Items.Count,
            Added = plan.Items.Count - alreadyPresent,
            AlreadyPresent = alreadyPresent,
            Skipped = [.. plan.Skipped],
            Requests = _requests,
        };
    }

    private async Task<string> CreateAsync(RestorePlan plan, string description, string token, CancellationToken cancellationToken)
    {
        try
        {
            _requests++;
            return (await _client.CreatePlaylistAsync(plan.TargetName, description, plan.Public, cancellationToken)).Id;
        }
        catch (MusiVaultException ex) when (ex.ErrorId == "SpotifyWriteUncertain")
        {
            // Spotify may have created it: look before creating again, so there is never a second one.
            if (await FindByTokenAsync(token, cancellationToken) is { } found)
            {
                return found;
            }
            _requests++;
            return (await _client.CreatePlaylistAsync(plan.TargetName, description, plan.Public, cancellationToken)).Id;
        }
    }

    private async Task AddAsync(string playlistId, List<string> batch, int offset, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _requests++;
                await _client.AddPlaylistItemsAsync(playlistId, batch, cancellationToken);
                return;
            }
            catch (MusiVaultException ex) when (ex.ErrorId == "SpotifyWriteUncertain" && attempt < 2)
            {
                // Applied or not? The playlist's length says: repeat only a batch that is not there.
                var count = (await ReadItemsAsync(playlistId, cancellationToken)).Count;
                if (count >= offset + batch.Count)
                {
                    return;
                }
                if (count != offset)
                {
                    throw new MusiVaultException("RestoreConflict", ErrorKind.InvalidOperation,
                        $"The restored playlist {playlistId} holds {count} items where {offset} or {offset + batch.Count} were expected; run the restore again.",
                        playlistId, ex);
                }
            }
        }
    }

    private async Task<bool> FollowedAsync(string playlistId, CancellationToken cancellationToken) =>
        (await _client.LibraryContainsAsync(["spotify:playlist:" + playlistId], cancellationToken))[0];

    private async Task<string?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        var marker = $"[musivault:{token}]";
        int? offset = 0;
        while (offset is { } at)
        {
            var page = await _client.GetMyPlaylistsPageAsync(at, cancellationToken);
            if (page.Items.FirstOrDefault(p => p.Description?.Contains(marker, StringComparison.Ordinal) == true) is { } found)
            {
                return found.Id;
            }
            offset = page.NextOffset;
        }
        return null;
    }

    private async Task<List<string?>> ReadItemsAsync(string playlistId, CancellationToken cancellationToken)
    {
        var uris = new List<string?>();
        int? offset = 0;
        while (offset is { } at)
        {
            var result = await _client.GetPlaylistItemsPageAsync(playlistId, at, cancellationToken);
            var page = result.Value ?? throw new MusiVaultException("RestoreTargetUnavailable", ErrorKind.ResourceUnavailable,
                $"Cannot read the restored playlist {playlistId}: {result.UnavailableReason}", playlistId);
            uris.AddRange(page.Items.Select(e => e.Item?.Uri));
            offset = page.NextOffset;
        }
        return uris;
    }

    private static int MatchingPrefix(List<string?> present, IReadOnlyList<RestoreItem> items)
    {
        var n = 0;
        while (n < present.Count && n < items.Count && present[n] == items[n].Uri)
        {
            n++;
        }
        return n;
    }

    private static string AsOfText(DateTimeOffset value) => VaultWriter.Timestamp(value);
}
