using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;
using MusiVault.Engine.Configuration;
using MusiVault.Engine.Query;

namespace MusiVault.Completers;

/// <summary>Shared by the completers: what the user typed, which vault, and how to write a name back safely.</summary>
internal static partial class CompletionText
{
    public const int MaxResults = 100;

    /// <summary>The typed word without the quote the user may have opened.</summary>
    public static string Typed(string? wordToComplete)
    {
        var word = wordToComplete ?? "";
        if (word.Length > 0 && word[0] is '\'' or '"')
        {
            word = word[1..];
            if (word.Length > 0 && word[^1] == wordToComplete![0])
            {
                word = word[..^1];
            }
        }
        return word;
    }

    /// <summary>
    /// The text to insert: bare when the name is a plain word, otherwise single-quoted (so $, `, ; and spaces are
    /// literal). For wildcard parameters the wildcard characters are backtick-escaped so the name matches itself.
    /// </summary>
    public static string Quote(string name, bool escapeWildcards)
    {
        var text = escapeWildcards ? VaultQueries.EscapeWildcard(name) : name;
        return PlainWord().IsMatch(text) ? text : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The vault the command line names with -Vault, else the default vault.</summary>
    public static string VaultPath(IDictionary? fakeBoundParameters)
    {
        if (fakeBoundParameters?["Vault"] is { } bound && bound.ToString() is { Length: > 0 } vault)
        {
            try
            {
                var resolved = Runspace.DefaultRunspace?.SessionStateProxy.Path.GetUnresolvedProviderPathFromPSPath(vault);
                if (!string.IsNullOrEmpty(resolved))
                {
                    return resolved;
                }
            }
            catch (Exception ex) when (ex is RuntimeException or ArgumentException or NotSupportedException or InvalidOperationException)
            {
                // Fall through: resolve like a plain file path.
            }
            return Path.GetFullPath(vault);
        }
        return MusiVaultPaths.DefaultVault;
    }

    public static IEnumerable<CompletionResult> Results(IEnumerable<string> names, bool escapeWildcards) =>
        names.Take(MaxResults).Select(name => new CompletionResult(Quote(name, escapeWildcards), name, CompletionResultType.ParameterValue, name));

    [GeneratedRegex(@"^[\p{L}\p{N}_.][\p{L}\p{N}_.\-]*$")]
    private static partial Regex PlainWord();
}
