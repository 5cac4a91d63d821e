using System.IO.Compression;
using System.Text.RegularExpressions;

namespace MusiVault.Engine.Import;

/// <summary>One known file of an export, on disk or inside a zip. <see cref="Name"/> is what errors show.</summary>
internal sealed class ExportFile
{
    private readonly Func<Stream> open;

    public ExportFile(string name, ExportFileKind kind, long length, Func<Stream> open)
    {
        Name = name;
        Kind = kind;
        Length = length;
        this.open = open;
    }

    /// <summary>The path, or "archive.zip!folder/file.json" for a zip entry.</summary>
    public string Name { get; }

    public ExportFileKind Kind { get; }

    /// <summary>Uncompressed size in bytes (for progress).</summary>
    public long Length { get; }

    public Stream OpenRaw() => open();

    public override string ToString() => Name;
}

/// <summary>
/// Finds the known files of one or more exports: zips as downloaded, extracted folders (zips inside them included) or
/// single files. Files are recognised by name only, at any depth and under any folder name, because people rename
/// and re-zip the folders. Zip archives stay open until this is disposed. Nested zips inside a zip are not opened.
/// </summary>
internal sealed partial class ExportSource : IDisposable
{
    private readonly List<ZipArchive> archives = [];
    private readonly List<ExportFile> files = [];
    private readonly List<string> ignored = [];

    private ExportSource()
    {
    }

    /// <summary>The known files, grouped by kind (extended history first) and in natural name order inside a kind.</summary>
    public IReadOnlyList<ExportFile> Files => files;

    /// <summary>JSON files found but not recognised (Userdata.json, SearchQueries.json, ...).</summary>
    public IReadOnlyList<string> IgnoredFiles => ignored;

    public static ExportSource Open(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var source = new ExportSource();
        try
        {
            foreach (var path in paths)
            {
                source.Add(Path.GetFullPath(path));
            }
            source.files.Sort(static (a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : NaturalCompare(a.Name, b.Name));
            return source;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public static ExportFileKind? Classify(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return name switch
        {
            _ when name.StartsWith("Streaming_History_Audio_", StringComparison.OrdinalIgnoreCase) => ExportFileKind.ExtendedAudio,
            _ when name.StartsWith("Streaming_History_Video_", StringComparison.OrdinalIgnoreCase) => ExportFileKind.ExtendedVideo,
            _ when name.StartsWith("endsong", StringComparison.OrdinalIgnoreCase) => ExportFileKind.ExtendedEndsong,
            _ when name.StartsWith("StreamingHistory_music_", StringComparison.OrdinalIgnoreCase) => ExportFileKind.AccountMusic,
            _ when name.StartsWith("StreamingHistory_podcast_", StringComparison.OrdinalIgnoreCase) => ExportFileKind.AccountPodcast,
            _ when OldAccountHistory().IsMatch(name) => ExportFileKind.AccountMusic,
            _ when name.Equals("YourLibrary.json", StringComparison.OrdinalIgnoreCase) => ExportFileKind.Library,
            _ when PlaylistFile().IsMatch(name) => ExportFileKind.Playlists,
            _ => null,
        };
    }

    public void Dispose()
    {
        foreach (var archive in archives)
        {
            archive.Dispose();
        }
        archives.Clear();
    }

    private void Add(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive }))
            {
                if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    AddZip(file);
                }
                else
                {
                    AddFile(file);
                }
            }
        }
        else if (File.Exists(path))
        {
            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || IsZip(path))
            {
                AddZip(path);
            }
            else
            {
                AddFile(path);
            }
        }
        else
        {
            throw new MusiVaultException("ExportPathNotFound", ErrorKind.ObjectNotFound, $"No file or folder at '{path}'.", path);
        }
    }

    private void AddFile(string path)
    {
        if (Classify(path) is { } kind)
        {
            var length = new FileInfo(path).Length;
            files.Add(new ExportFile(path, kind, length, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan)));
        }
        else if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            ignored.Add(path);
        }
    }

    private void AddZip(string path)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new MusiVaultException("ExportZipUnreadable", ErrorKind.InvalidData, $"'{path}' is not a readable zip archive: {e.Message}", path, e);
        }
        archives.Add(archive);
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                continue;
            }
            var name = path + "!" + entry.FullName;
            if (Classify(entry.FullName.Replace('\\', '/').Split('/')[^1]) is { } kind)
            {
                files.Add(new ExportFile(name, kind, entry.Length, entry.Open));
            }
            else if (entry.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                ignored.Add(name);
            }
        }
    }

    private static bool IsZip(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> head = stackalloc byte[4];
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PK\u0003\u0004"u8);
    }

    /// <summary>Orders "…_2_…" before "…_10_…" so files are read in the order Spotify numbered them.</summary>
    private static int NaturalCompare(string a, string b)
    {
        var x = Digits().Replace(a, m => m.Value.PadLeft(12, '0'));
        var y = Digits().Replace(b, m => m.Value.PadLeft(12, '0'));
        return string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^StreamingHistory\d+\.json$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OldAccountHistory();

    [GeneratedRegex(@"^Playlist\d+\.json$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaylistFile();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
