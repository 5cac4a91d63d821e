using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MusiVault.Engine;
using MusiVault.Engine.Query;

namespace MusiVault.Completers;

/// <summary>
/// Completes a parameter with names read from the vault named by -Vault (or the default vault): what the user typed,
/// as a literal prefix, against <see cref="Names"/>. No vault yet, or one that cannot be read: nothing to offer, never
/// an error while typing (and never a new file: the read side opens read-only).
/// </summary>
public abstract class VaultNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var queries = new VaultQueries(CompletionText.VaultPath(fakeBoundParameters));
            var pattern = VaultQueries.EscapeWildcard(CompletionText.Typed(wordToComplete)) + "*";
            return CompletionText.Results(Names(queries, pattern).ToList(), EscapeWildcards(parameterName));
        }
        catch (MusiVaultException)
        {
            return [];
        }
    }

    /// <summary>The names matching the wildcard <paramref name="pattern"/>, in the order to offer them.</summary>
    protected abstract IEnumerable<string> Names(VaultQueries queries, string pattern);

    /// <summary>Whether <paramref name="parameterName"/> takes a wildcard, so completed names must be escaped.</summary>
    protected virtual bool EscapeWildcards(string parameterName) => true;
}
