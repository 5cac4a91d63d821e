using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MusiVault.Engine;
using MusiVault.Engine.Query;

namespace MusiVault.Completers;

/// <summary>Completes playlist names from the vault named by -Vault (or the default vault).</summary>
public sealed class VaultPlaylistCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var queries = new VaultQueries(CompletionText.VaultPath(fakeBoundParameters));
            var pattern = VaultQueries.EscapeWildcard(CompletionText.Typed(wordToComplete)) + "*";
            var names = queries.Playlists(new PlaylistQuery { Name = pattern, IncludeDeleted = true, First = CompletionText.MaxResults })
                .Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
            // -Playlist takes a literal name; Get-VaultPlaylist -Name takes a wildcard.
            return CompletionText.Results(names, escapeWildcards: parameterName != "Playlist");
        }
        catch (MusiVaultException)
        {
            // No vault yet, or one we cannot read: nothing to offer, never an error while typing (and never a new
            // file: the read side opens read-only).
            return [];
        }
    }
}
