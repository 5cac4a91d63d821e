using MusiVault.Engine.Query;

namespace MusiVault.Completers;

/// <summary>Completes -Album with album names from the vault.</summary>
public sealed class VaultAlbumCompleter : VaultNameCompleter
{
    protected override IEnumerable<string> Names(VaultQueries queries, string pattern) =>
        queries.Albums(new AlbumQuery { Name = pattern, First = CompletionText.MaxResults * 2 })
            .Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
}
