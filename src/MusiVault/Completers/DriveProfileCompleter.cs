using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MusiVault.Engine;
using MusiVault.Engine.Drive;

namespace MusiVault.Completers;

/// <summary>Completes a Drive -Profile with the profiles that hold a Google Drive authorisation (not file names).</summary>
public sealed class DriveProfileCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = CompletionText.Typed(wordToComplete);
        try
        {
            var names = GoogleDriveConnections.List().Select(c => c.Profile)
                .Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToList();
            return CompletionText.Results(names, escapeWildcards: false);
        }
        catch (Exception ex) when (ex is MusiVaultException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
