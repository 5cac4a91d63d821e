using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MusiVault.Engine.Configuration;

namespace MusiVault.Completers;

/// <summary>Completes -Profile with the profile folders under &lt;MUSIVAULT_HOME&gt;/profiles.</summary>
public sealed class ProfileCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var profiles = Path.Combine(MusiVaultPaths.Home, "profiles");
        if (!Directory.Exists(profiles))
        {
            return [];
        }
        var typed = CompletionText.Typed(wordToComplete);
        try
        {
            var names = Directory.EnumerateDirectories(profiles)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.OrdinalIgnoreCase)
                .ToList();
            return CompletionText.Results(names, escapeWildcards: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
