using MusiVault.Engine.Query;

namespace MusiVault.Completers;

/// <summary>Completes artist names credited on items in the vault; every -Artist/-Name that uses it takes a wildcard.</summary>
public sealed class VaultArtistCompleter : VaultNameCompleter
{
    protected override IEnumerable<string> Names(VaultQueries queries, string pattern) =>
        queries.ArtistNames(pattern, CompletionText.MaxResults);
}
