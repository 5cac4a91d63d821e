using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MusiVault.Engine;
using MusiVault.Engine.Query;

namespace MusiVault.Completers;

/// <summary>Completes -Album with album names from the vault named by -Vault (or the default vault).</summary>
public sealed class VaultAlbumCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var queries = new VaultQueries(CompletionText.VaultPath(fakeBoundParameters));
            var pattern = VaultQueries.EscapeWildcard(CompletionText.Typed(wordToComplete)) + "*";
            var names = queries.Albums(new AlbumQuery { Name = pattern, First = CompletionText.MaxResults * 2 })
                .Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            return CompletionText.Results(names, escapeWildcards: true);
        }
        catch (MusiVaultException)
        {
            return []; // no vault yet, or one we cannot read: nothing to offer, never an error while typing
        }
    }
}
