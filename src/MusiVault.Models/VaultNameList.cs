using System.Collections.ObjectModel;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusiVault;

/// <summary>
/// An ordered list of names (artists, genres, warnings). It enumerates like a string[] in the pipeline and in
/// ConvertTo-Json. Where PowerShell calls ToString (Export-Csv, string expansion) it prints a JSON array of the names,
/// <c>["Dream;Pop","Tidal"]</c>: names may contain any separator (Spotify has artists named with ';', ',' and '/'),
/// so only a quoted form is unambiguous, and <c>ConvertFrom-Json</c> turns the cell back into the list.
/// For reading, <see cref="JoinNames"/> gives the names joined with "; " (the ArtistNames properties).
/// </summary>
public sealed class VaultNameList : ReadOnlyCollection<string>
{
    /// <summary>What <see cref="JoinNames"/> puts between names; not a safe split point (names may contain it).</summary>
    public const string Separator = "; ";

    public static readonly VaultNameList None = new([]);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public VaultNameList(IList<string> names)
        : base(names)
    {
    }

    /// <summary>The names for a person to read, joined with "; ".</summary>
    public string JoinNames() => string.Join(Separator, this);

    /// <summary>A JSON array of the names: the unambiguous text form (CSV cells).</summary>
    public override string ToString()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var name in this)
            {
                writer.WriteStringValue(name);
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
