using System.Collections.ObjectModel;

namespace MusiVault;

/// <summary>
/// An ordered list of names (artists, genres, warnings). It enumerates like a string[] in the pipeline and in
/// ConvertTo-Json, but prints its names joined with "; " where PowerShell calls ToString (Export-Csv, string
/// expansion), so a CSV cell never reads "System.String[]".
/// </summary>
public sealed class VaultNameList : ReadOnlyCollection<string>
{
    public const string Separator = "; ";

    public static readonly VaultNameList None = new([]);

    public VaultNameList(IList<string> names)
        : base(names)
    {
    }

    public override string ToString() => string.Join(Separator, this);
}
