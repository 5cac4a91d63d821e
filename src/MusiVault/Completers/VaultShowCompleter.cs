using MusiVault.Engine.Query;

namespace MusiVault.Completers;

/// <summary>Completes -Show with show names from the vault.</summary>
public sealed class VaultShowCompleter : VaultNameCompleter
{
    protected override IEnumerable<string> Names(VaultQueries queries, string pattern) =>
        queries.Shows(new ShowQuery { Name = pattern, First = CompletionText.MaxResults * 2 })
            .Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
}
