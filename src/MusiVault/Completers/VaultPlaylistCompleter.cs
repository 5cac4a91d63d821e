using MusiVault.Engine.Query;

namespace MusiVault.Completers;

/// <summary>Completes playlist names from the vault (deleted ones too).</summary>
public sealed class VaultPlaylistCompleter : VaultNameCompleter
{
    protected override IEnumerable<string> Names(VaultQueries queries, string pattern) =>
        queries.Playlists(new PlaylistQuery { Name = pattern, IncludeDeleted = true, First = CompletionText.MaxResults })
            .Select(p => p.Name).Distinct(StringComparer.Ordinal);

    // -Playlist takes a literal name; Get-VaultPlaylist -Name takes a wildcard.
    protected override bool EscapeWildcards(string parameterName) => parameterName != "Playlist";
}
