using System.IO.Compression;
using MusiVault.Engine.Import;
using MusiVault.FakeSpotify.DataExport;

namespace MusiVault.Engine.Tests.Import;

/// <summary>Every file of a generated export, read with exact counts against the generator's manifest.</summary>
public sealed class GeneratedExportTests : IDisposable
{
    private static readonly DataExportSpec Spec = new() { Plays = 6_000, Years = 3, Seed = 7, PlaysPerFile = 2_500, Truncated = true, OddEncodings = true };

    private readonly TempFolder temp = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_file_reads_with_the_manifest_counts(bool zip)
    {
        var manifest = DataExportGenerator.Write(temp.Path, Spec with { Zip = zip });
        using var source = ExportSource.Open([temp.Path]);

        Assert.Equal(manifest.Files.Count, source.Files.Count);
        Assert.Contains(source.IgnoredFiles, f => f.EndsWith("Userdata.json", StringComparison.Ordinal));
        var reads = source.Files.ToDictionary(f => f.Name.Replace('\\', '/').Split('!')[^1].Replace(temp.Path.Replace('\\', '/') + "/", string.Empty, StringComparison.Ordinal), f => ExportRead.All(f));
        foreach (var expected in manifest.Files)
        {
            var read = reads[expected.Path];
            if (zip)
            {
                Assert.Contains(DataExportGenerator.ZipName + "!", read.File.Name, StringComparison.Ordinal);
            }
            if (expected.Truncated)
            {
                Assert.False(read.Completed);
                Assert.NotNull(read.Error);
                Assert.EndsWith(expected.Path, read.Error.FileName, StringComparison.Ordinal);
                Assert.True(read.Error.Line > 1, read.Error.ToString());
                continue;
            }
            Assert.True(read.Completed, $"{expected.Path}: {read.Error}");
            Assert.Null(read.Error);
            var records = read.Plays.Count + read.LibraryItems.Count + read.Playlists.Count;
            Assert.Equal(expected.Records, records);
            if (expected.Kind is "audio" or "video" or "endsong")
            {
                Assert.Equal(expected.Tracks, read.Plays.Count(p => p.Kind == ExportPlayKind.Track));
                Assert.Equal(expected.Episodes, read.Plays.Count(p => p.Kind == ExportPlayKind.Episode));
                Assert.Equal(expected.Audiobooks, read.Plays.Count(p => p.Kind == ExportPlayKind.Audiobook));
                Assert.Equal(expected.Unknown, read.Plays.Count(p => p.Kind == ExportPlayKind.Unknown));
                Assert.All(read.Plays, p => Assert.Equal(ExportPlaySource.ExtendedHistory, p.Source));
            }
        }

        var extended = reads.Values.SelectMany(r => r.Plays).Where(p => p.Source == ExportPlaySource.ExtendedHistory).ToList();
        Assert.Equal(manifest.ExtendedPlays + manifest.EndsongDuplicates, extended.Count);
        Assert.Equal(manifest.ExtendedPlays, extended.Select(p => p.Identity).Distinct().Count());
        Assert.Equal(manifest.ExtendedPlays, extended.Select(p => p.Identity.Hash).Distinct().Count());

        var account = reads.Values.SelectMany(r => r.Plays).Where(p => p.Source == ExportPlaySource.AccountData).ToList();
        Assert.Equal(manifest.AccountMusicPlays, account.Count(p => p.Kind == ExportPlayKind.Track));
        Assert.Equal(manifest.AccountPodcastPlays, account.Count(p => p.Kind == ExportPlayKind.Episode));
        Assert.Equal(manifest.AccountMatched, CountMatched(account, extended));

        var library = reads.Values.SelectMany(r => r.LibraryItems).ToList();
        foreach (var (section, count) in manifest.LibraryItems)
        {
            Assert.Equal(count, library.Count(i => i.SectionName == section));
        }
        Assert.Equal(manifest.LibraryItemsWithoutUri, library.Count(i => i.Uri is null));
        Assert.All(library, i => Assert.NotNull(i.Name));

        var playlists = reads.Values.SelectMany(r => r.Playlists).ToList();
        Assert.Equal(manifest.Playlists, playlists.Count);
        Assert.Equal(manifest.PlaylistItems, playlists.Sum(p => p.Items.Count));
        Assert.Equal(manifest.PlaylistItemsWithoutUri, playlists.Sum(p => p.Items.Count(i => i.Uri is null)));
        Assert.All(playlists.SelectMany(p => p.Items), i => Assert.NotNull(i.AddedDate));
        Assert.Contains(playlists, p => p.Name == "<script>alert('x')</script>");
        Assert.Contains(playlists, p => p.Collaborators.Count == 2 && p.Collaborators.Contains("zoë"));
        Assert.Contains(playlists, p => p.Items.Count == 0);
    }

    [Fact]
    public void The_same_export_is_found_in_a_zip_with_another_layout()
    {
        var original = System.IO.Path.Combine(temp.Path, "original");
        var manifest = DataExportGenerator.Write(original, Spec with { Truncated = false });
        var zipPath = System.IO.Path.Combine(temp.Path, "renamed.bin");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var file in manifest.Files)
            {
                // Flattened, renamed folders, several levels deep, one name in upper case.
                var name = System.IO.Path.GetFileName(file.Path);
                var entryName = $"Download ({file.Kind.Length})/deeper/still/{(name.StartsWith("Playlist", StringComparison.Ordinal) ? name.ToUpperInvariant() : name)}";
                zip.CreateEntryFromFile(System.IO.Path.Combine(original, file.Path), entryName);
            }
            zip.CreateEntry("Download (5)/");
            zip.CreateEntry("Download (5)/ReadMeFirst.pdf");
        }

        using var source = ExportSource.Open([zipPath]);

        Assert.Equal(manifest.Files.Count, source.Files.Count);
        var plays = source.Files.Select(f => ExportRead.All(f)).Sum(r => r.Plays.Count);
        Assert.Equal(manifest.ExtendedPlays + manifest.EndsongDuplicates + manifest.AccountMusicPlays + manifest.AccountPodcastPlays, plays);
        Assert.Equal(2, source.Files.Count(f => f.Kind == ExportFileKind.Playlists));
    }

    [Fact]
    public void Single_files_are_accepted_and_a_missing_path_is_a_clear_error()
    {
        var manifest = DataExportGenerator.Write(temp.Path, Spec with { Truncated = false, OddEncodings = false });
        var video = manifest.Files.Single(f => f.Kind == "video");
        using var source = ExportSource.Open([System.IO.Path.Combine(temp.Path, video.Path)]);
        Assert.Equal(video.Records, ExportRead.All(Assert.Single(source.Files)).Plays.Count);

        var error = Assert.Throws<MusiVaultException>(() => ExportSource.Open([System.IO.Path.Combine(temp.Path, "nope.zip")]));
        Assert.Equal("ExportPathNotFound", error.ErrorId);
    }

    public void Dispose() => temp.Dispose();

    /// <summary>One-to-one pairing by the matching rule, as the store will do it.</summary>
    private static int CountMatched(List<ExportPlay> account, List<ExportPlay> extended)
    {
        var byMinute = extended.GroupBy(p => p.EndedAt.ToUnixTimeSeconds() / 60).ToDictionary(g => g.Key, g => g.ToList());
        var used = new HashSet<ExportPlay>(ReferenceEqualityComparer.Instance);
        var matched = 0;
        foreach (var play in account)
        {
            var minute = play.EndedAt.ToUnixTimeSeconds() / 60;
            var candidates = new[] { minute - 1, minute, minute + 1 }.SelectMany(m => byMinute.GetValueOrDefault(m) ?? []);
            var match = candidates.Where(c => !used.Contains(c) && PlayMatching.SameAccountPlay(play, c)).OrderBy(c => c.MsPlayed == play.MsPlayed ? 0 : 1).FirstOrDefault();
            if (match is not null)
            {
                used.Add(match);
                matched++;
            }
        }
        return matched;
    }
}
