using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace MusiVault.FakeSpotify.DataExport;

/// <summary>
/// Writes a synthetic Spotify privacy export ("Download your data") in both formats, as a folder tree or one zip,
/// plus manifest.json with the exact counts a reader must find. Deterministic for a seed.
/// </summary>
public static class DataExportGenerator
{
    public const string ExtendedFolder = "Spotify Extended Streaming History";
    public const string AccountFolder = "Spotify Account Data";
    public const string OldExportFolder = "MyData";
    public const string ZipName = "my_spotify_data.zip";

    private static readonly string[] Platforms = ["android", "ios", "windows", "osx", "linux", "web_player", "cast_to_device", "Partner sonos_speaker"];
    private static readonly string[] Countries = ["SE", "DE", "US", "JP", "IL", "FR", "GB", "BR"];
    private static readonly string[] ReasonsStart = ["trackdone", "clickrow", "fwdbtn", "backbtn", "playbtn", "appload", "remote"];
    private static readonly string[] ReasonsEnd = ["trackdone", "endplay", "fwdbtn", "backbtn", "logout", "unexpected-exit-while-paused"];

    public static DataExportManifest Write(string folder, DataExportSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Directory.CreateDirectory(folder);
        var rng = new Random(spec.Seed);
        var catalog = new DataExportCatalog(rng, spec.DistinctTracks ?? Math.Clamp(spec.Plays / 20, 50, 4_000));
        var plays = GeneratePlays(rng, catalog, spec);
        var manifest = new DataExportManifest { Seed = spec.Seed };
        using var sink = new ExportSink(folder, spec.Zip);

        var audio = plays.Where(p => p.Kind != PlayKind.Video).ToList();
        var video = plays.Where(p => p.Kind == PlayKind.Video).ToList();
        var fileIndex = 0;
        List<GenPlay>? lastChunk = null;
        foreach (var chunk in audio.Chunk(Math.Max(1, spec.PlaysPerFile)))
        {
            var name = $"{ExtendedFolder}/Streaming_History_Audio_{YearRange(chunk)}_{fileIndex++}.json";
            sink.Add(manifest, name, "audio", HistoryFile(chunk, catalog, legacy: false), chunk, "utf-8");
            lastChunk = [.. chunk];
        }
        if (video.Count > 0)
        {
            sink.Add(manifest, $"{ExtendedFolder}/Streaming_History_Video_{YearRange(video)}.json", "video", HistoryFile(video, catalog, legacy: false), video, "utf-8");
        }
        var endsong = audio.Where(p => p.Kind != PlayKind.Audiobook).Take(Math.Max(1, audio.Count / 10)).ToList();
        sink.Add(manifest, $"{OldExportFolder}/endsong_0.json", "endsong", HistoryFile(endsong, catalog, legacy: true), endsong, "utf-8");
        manifest.EndsongDuplicates = endsong.Count;
        manifest.ExtendedPlays = plays.Count;
        manifest.DistinctTracksPlayed = plays.Where(p => p.Kind == PlayKind.Track).Select(p => p.Item).Distinct().Count();
        foreach (var group in plays.GroupBy(p => p.Kind == PlayKind.Video ? "episode" : p.Kind.ToString().ToLowerInvariant()))
        {
            manifest.PlaysByKind[group.Key] = group.Count();
        }

        if (spec.Truncated && lastChunk is not null)
        {
            var copy = lastChunk.Take(Math.Max(2, Math.Min(200, lastChunk.Count))).ToList();
            var bytes = HistoryFile(copy, catalog, legacy: false);
            var cut = bytes[..(int)(bytes.Length * 0.6)];
            var entry = sink.Add(manifest, $"{ExtendedFolder}/Streaming_History_Audio_{copy[^1].End.Year}_{fileIndex}.json", "audio", cut, [], "utf-8");
            entry.Truncated = true;
        }

        AccountHistory(rng, catalog, plays, spec, manifest, sink);
        DataExportLibraryWriter.Write(rng, catalog, spec, manifest, sink);
        sink.Add(manifest, $"{AccountFolder}/Userdata.json", "ignored", """{"username":"fake","country":"SE"}"""u8.ToArray(), [], "utf-8");
        manifest.Files.RemoveAll(f => f.Kind == "ignored");

        manifest.ZipFile = spec.Zip ? ZipName : null;
        sink.Dispose();
        File.WriteAllText(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(manifest, ManifestJson));
        return manifest;
    }

    internal static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    internal static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static List<GenPlay> GeneratePlays(Random rng, DataExportCatalog catalog, DataExportSpec spec)
    {
        var start = DataExportSpec.End.AddYears(-Math.Max(1, spec.Years));
        var step = (DataExportSpec.End - start).TotalSeconds / Math.Max(1, spec.Plays);
        if (step < 4)
        {
            throw new ArgumentException("Too many plays for the years: plays must end at least 4 s apart.");
        }
        var plays = new List<GenPlay>(spec.Plays);
        for (var i = 0; i < spec.Plays; i++)
        {
            var end = start.AddSeconds(Math.Floor(i * step + rng.NextDouble() * step * 0.5));
            var roll = rng.Next(100);
            var kind = roll < 86 ? PlayKind.Track : roll < 92 ? PlayKind.Episode : roll < 94 ? PlayKind.Audiobook : roll < 97 ? PlayKind.Unknown : PlayKind.Video;
            var item = kind switch
            {
                PlayKind.Track => catalog.PickTrack(rng),
                PlayKind.Episode or PlayKind.Video => rng.Next(catalog.Episodes.Length),
                PlayKind.Audiobook => rng.Next(catalog.Chapters.Length),
                _ => -1,
            };
            var ms = rng.Next(100) < 30 ? rng.Next(0, 30_000) : rng.Next(30_000, 400_000);
            plays.Add(new GenPlay(end, kind, item, ms, rng.Next(Platforms.Length), rng.Next(Countries.Length), rng.Next(ReasonsStart.Length),
                rng.Next(ReasonsEnd.Length), rng.Next(4), rng.Next(50) == 0, rng.Next(30) == 0, rng.Next(40)));
        }
        return plays;
    }

    private static byte[] HistoryFile(IEnumerable<GenPlay> plays, DataExportCatalog catalog, bool legacy)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartArray();
            foreach (var p in plays)
            {
                WritePlay(w, p, catalog, legacy);
            }
            w.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static void WritePlay(Utf8JsonWriter w, GenPlay p, DataExportCatalog catalog, bool legacy)
    {
        var track = p.Kind == PlayKind.Track ? catalog.Tracks[p.Item] : null;
        var episode = p.Kind is PlayKind.Episode or PlayKind.Video ? catalog.Episodes[p.Item] : null;
        var chapter = p.Kind == PlayKind.Audiobook ? catalog.Chapters[p.Item] : null;
        w.WriteStartObject();
        w.WriteString("ts", p.End.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (legacy)
        {
            w.WriteString("username", "fakelistener");
        }
        w.WriteString("platform", Platforms[p.Platform]);
        w.WriteNumber("ms_played", p.MsPlayed);
        w.WriteString("conn_country", Countries[p.Country]);
        w.WriteString(legacy ? "ip_addr_decrypted" : "ip_addr", $"192.0.2.{p.Platform * 10 + p.Country}");
        if (legacy)
        {
            w.WriteString("user_agent_decrypted", p.Odd ? null : "unknown");
        }
        w.WriteString("master_metadata_track_name", track?.Name);
        w.WriteString("master_metadata_album_artist_name", track?.Artist);
        w.WriteString("master_metadata_album_album_name", track?.Album);
        w.WriteString("spotify_track_uri", track?.Uri);
        w.WriteString("episode_name", episode?.Name);
        w.WriteString("episode_show_name", episode?.Album);
        w.WriteString("spotify_episode_uri", episode?.Uri);
        if (!legacy)
        {
            w.WriteString("audiobook_title", chapter?.Album);
            w.WriteString("audiobook_uri", chapter is null ? null : catalog.AudiobookUriOf(chapter));
            w.WriteString("audiobook_chapter_uri", chapter?.Uri);
            w.WriteString("audiobook_chapter_title", chapter?.Name);
        }
        w.WriteString("reason_start", ReasonsStart[p.ReasonStart]);
        w.WriteString("reason_end", p.Odd ? null : ReasonsEnd[p.ReasonEnd]);
        w.WriteBoolean("shuffle", p.Shuffle % 2 == 0);
        if (p.Odd)
        {
            w.WriteNull("skipped");
        }
        else
        {
            w.WriteBoolean("skipped", p.MsPlayed < 30_000);
        }
        w.WriteBoolean("offline", p.Offline);
        if (p.Odd)
        {
            w.WriteNull("offline_timestamp");
        }
        else
        {
            // Spotify wrote seconds in older years and milliseconds later.
            var offlineAt = p.End.AddSeconds(-p.MsPlayed / 1000);
            w.WriteNumber("offline_timestamp", p.End.Year < 2023 ? offlineAt.ToUnixTimeSeconds() : offlineAt.ToUnixTimeMilliseconds());
        }
        w.WriteBoolean("incognito_mode", p.Shuffle == 3 && p.Offline);
        if (p.Extra == 0)
        {
            w.WriteStartObject("field_from_the_future");
            w.WriteStartArray("nested");
            w.WriteNumberValue(1);
            w.WriteStartObject();
            w.WriteNull("deep");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void AccountHistory(Random rng, DataExportCatalog catalog, List<GenPlay> plays, DataExportSpec spec, DataExportManifest manifest, ExportSink sink)
    {
        var from = DataExportSpec.End.AddDays(-365);
        var music = new List<(DateTimeOffset End, CatalogItem Item, int Ms)>();
        var podcast = new List<(DateTimeOffset End, CatalogItem Item, int Ms)>();
        foreach (var p in plays.Where(p => p.End >= from))
        {
            if (p.Kind == PlayKind.Track)
            {
                music.Add((p.End, catalog.Tracks[p.Item], p.MsPlayed));
            }
            else if (p.Kind == PlayKind.Episode)
            {
                podcast.Add((p.End, catalog.Episodes[p.Item], p.MsPlayed));
            }
        }
        manifest.AccountMatched = music.Count + podcast.Count;
        // The account data was requested a few days after the extended history: those plays are only here.
        var extra = Math.Max(5, spec.Plays / 200);
        for (var i = 0; i < extra; i++)
        {
            var end = DataExportSpec.End.AddMinutes(10 + (i * 7));
            if (i % 5 == 4)
            {
                podcast.Add((end, catalog.Episodes[rng.Next(catalog.Episodes.Length)], rng.Next(1_000, 3_000_000)));
            }
            else
            {
                music.Add((end, catalog.Tracks[catalog.PickTrack(rng)], rng.Next(1_000, 400_000)));
            }
        }
        manifest.AccountOnly = extra;
        manifest.AccountMusicPlays = music.Count;
        manifest.AccountPodcastPlays = podcast.Count;

        var n = 0;
        foreach (var chunk in music.Chunk(10_000))
        {
            sink.Add(manifest, $"{AccountFolder}/StreamingHistory_music_{n++}.json", "accountMusic", AccountFile(chunk, podcastFile: false), chunk.Length, "utf-8");
        }
        var podcastBytes = AccountFile(podcast, podcastFile: true);
        var encoding = "utf-8";
        if (spec.OddEncodings)
        {
            podcastBytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(podcastBytes))];
            encoding = "utf-16le-bom";
        }
        sink.Add(manifest, $"{AccountFolder}/StreamingHistory_podcast_0.json", "accountPodcast", podcastBytes, podcast.Count, encoding);
    }

    private static byte[] AccountFile(IEnumerable<(DateTimeOffset End, CatalogItem Item, int Ms)> plays, bool podcastFile)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartArray();
            foreach (var (end, item, ms) in plays)
            {
                w.WriteStartObject();
                w.WriteString("endTime", end.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                w.WriteString(podcastFile ? "podcastName" : "artistName", podcastFile ? item.Album : item.Artist);
                w.WriteString(podcastFile ? "episodeName" : "trackName", item.Name);
                w.WriteNumber("msPlayed", ms);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static string YearRange(IReadOnlyCollection<GenPlay> plays)
    {
        var first = plays.First().End.Year;
        var last = plays.Last().End.Year;
        return first == last ? first.ToString(CultureInfo.InvariantCulture) : $"{first}-{last}";
    }

    internal enum PlayKind
    {
        Track,
        Episode,
        Audiobook,
        Unknown,
        Video,
    }

    internal readonly record struct GenPlay(DateTimeOffset End, PlayKind Kind, int Item, int MsPlayed, int Platform, int Country,
        int ReasonStart, int ReasonEnd, int Shuffle, bool Offline, bool Odd, int Extra);

    /// <summary>Where the files go: a folder tree, or entries of one zip.</summary>
    internal sealed class ExportSink : IDisposable
    {
        private readonly string folder;
        private readonly ZipArchive? zip;

        public ExportSink(string folder, bool asZip)
        {
            this.folder = folder;
            if (asZip)
            {
                zip = new ZipArchive(new FileStream(Path.Combine(folder, ZipName), FileMode.Create), ZipArchiveMode.Create);
            }
        }

        public DataExportFileEntry Add(DataExportManifest manifest, string path, string kind, byte[] bytes, IReadOnlyCollection<GenPlay> plays, string encoding)
        {
            var entry = Add(manifest, path, kind, bytes, plays.Count, encoding);
            entry.Tracks = plays.Count(p => p.Kind == PlayKind.Track);
            entry.Episodes = plays.Count(p => p.Kind is PlayKind.Episode or PlayKind.Video);
            entry.Audiobooks = plays.Count(p => p.Kind == PlayKind.Audiobook);
            entry.Unknown = plays.Count(p => p.Kind == PlayKind.Unknown);
            return entry;
        }

        public DataExportFileEntry Add(DataExportManifest manifest, string path, string kind, byte[] bytes, int records, string encoding)
        {
            if (zip is not null)
            {
                using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
                stream.Write(bytes);
            }
            else
            {
                var full = Path.Combine(folder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, bytes);
            }
            var entry = new DataExportFileEntry { Path = path, Kind = kind, Records = records, Encoding = encoding, Bytes = bytes.Length };
            manifest.Files.Add(entry);
            return entry;
        }

        public void Dispose() => zip?.Dispose();
    }
}
