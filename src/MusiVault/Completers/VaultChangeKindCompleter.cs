using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MusiVault.Completers;

/// <summary>Completes the kinds of change the vault's history records.</summary>
public sealed class VaultChangeKindCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = CompletionText.Typed(wordToComplete);
        return CompletionText.Results(VaultChangeKind.All.Where(k => k.StartsWith(typed, StringComparison.OrdinalIgnoreCase)), escapeWildcards: true);
    }
}
