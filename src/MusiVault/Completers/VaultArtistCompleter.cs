using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MusiVault.Engine;
using MusiVault.Engine.Query;

namespace MusiVault.Completers;

/// <summary>Completes artist names credited on items in the vault named by -Vault (or the default vault).</summary>
public sealed class VaultArtistCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var queries = new VaultQueries(CompletionText.VaultPath(fakeBoundParameters));
            var pattern = VaultQueries.EscapeWildcard(CompletionText.Typed(wordToComplete)) + "*";
            var names = queries.ArtistNames(pattern, CompletionText.MaxResults).ToList();
            // Every -Artist/-Name parameter that uses this completer takes a wildcard.
            return CompletionText.Results(names, escapeWildcards: true);
        }
        catch (MusiVaultException)
        {
            return [];
        }
    }
}
