using MusiVault.Engine;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

/// <summary>Base of the Get-Vault* readers: streams engine results to the pipeline one object per row.</summary>
public abstract class VaultQueryCmdlet : VaultCmdlet
{
    /// <summary>Parameter set of the filters (and -Id from objects that are not ours, e.g. Import-Csv rows).</summary>
    private protected const string QuerySet = "Query";

    /// <summary>Parameter set of -InputObject: an object of ours piped in, answered with what relates to it.</summary>
    private protected const string RelatedSet = "Related";

    private protected VaultQueries Queries => new(VaultPath);

    /// <summary>
    /// Writes each object as its row is read. An engine error listed in <paramref name="perInputErrorIds"/> (it
    /// concerns this one pipeline input, e.g. a playlist name that matches nothing) is written as a non-terminating
    /// error; any other (no vault, bad pattern) ends the command. Building the query happens inside the same guard,
    /// since it validates patterns and resolves playlist names.
    /// </summary>
    private protected void WriteEach<T>(Func<IEnumerable<T>> query, params string[] perInputErrorIds)
    {
        IEnumerator<T>? enumerator = null;
        try
        {
            while (true)
            {
                MusiVaultException? perInputError = null;
                if (!TryRun(() =>
                {
                    try
                    {
                        enumerator ??= query().GetEnumerator();
                        return enumerator.MoveNext();
                    }
                    catch (MusiVaultException ex) when (perInputErrorIds.Contains(ex.ErrorId))
                    {
                        perInputError = ex;
                        return false;
                    }
                }, out var more, sameLocation: enumerator is not null))
                {
                    return;
                }
                if (perInputError is not null)
                {
                    WriteError(ToErrorRecord(perInputError));
                }
                if (!more)
                {
                    return;
                }
                WriteObject(enumerator!.Current);
            }
        }
        finally
        {
            enumerator?.Dispose();
        }
    }
}
