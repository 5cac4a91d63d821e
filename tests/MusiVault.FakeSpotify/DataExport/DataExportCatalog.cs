namespace MusiVault.FakeSpotify.DataExport;

/// <summary>
/// The tracks, shows and audiobooks a generated history plays, with a Zipf-like popularity so a few hundred tracks
/// make most plays, as in real listening. Names include the awkward ones (quotes, markup, emoji, right-to-left).
/// </summary>
internal sealed class DataExportCatalog
{
    internal static readonly string[] AwkwardNames =
    [
        "<script>alert('x')</script>", "\"Quoted\" & 'single'", "שלום עולם", "مرحبا بالعالم", "🔥🎧 Fire 🎶", "Zoë's naïve café",
        "夜に駆ける", "Semi;colon, Comma", "back\\slash / forward", "100% _real_ [live]", "Line\nBreak", "Tab\tName",
    ];

    private static readonly string[] Words =
    [
        "Midnight", "Echo", "Golden", "River", "Neon", "Velvet", "Ghost", "Summer", "Paper", "Electric", "Silver", "Wild",
        "Ocean", "Broken", "Crystal", "Desert", "Fever", "Honey", "Iron", "Jungle", "Lunar", "Northern", "Quiet", "Static",
    ];

    private readonly double[] trackWeights;

    public DataExportCatalog(Random rng, int distinctTracks)
    {
        var artists = Enumerable.Range(0, Math.Max(3, distinctTracks / 8)).Select(i => Name(rng, i, "Artist")).ToArray();
        var albums = Enumerable.Range(0, Math.Max(3, distinctTracks / 4))
            .Select(i => (Name: Name(rng, i, "Album"), Artist: artists[rng.Next(artists.Length)])).ToArray();
        Tracks = Enumerable.Range(0, distinctTracks).Select(i =>
        {
            var album = albums[rng.Next(albums.Length)];
            return new CatalogItem(Name(rng, i, "Song"), album.Artist, album.Name, "spotify:track:" + Id(rng));
        }).ToArray();
        Shows = Enumerable.Range(0, 12).Select(i => Name(rng, i, "Podcast")).ToArray();
        Episodes = Enumerable.Range(0, 300).Select(i =>
            new CatalogItem(Name(rng, i, "Episode"), null, Shows[i % Shows.Length], "spotify:episode:" + Id(rng))).ToArray();
        Audiobooks = Enumerable.Range(0, 4).Select(i => (Title: Name(rng, i, "Book"), Uri: "spotify:show:" + Id(rng))).ToArray();
        Chapters = Enumerable.Range(0, 80).Select(i =>
            new CatalogItem($"Chapter {i % 20 + 1}", null, Audiobooks[i % Audiobooks.Length].Title, "spotify:episode:" + Id(rng))).ToArray();
        trackWeights = new double[Tracks.Length];
        var sum = 0.0;
        for (var i = 0; i < Tracks.Length; i++)
        {
            sum += 1.0 / (i + 1);
            trackWeights[i] = sum;
        }
    }

    public CatalogItem[] Tracks { get; }

    public string[] Shows { get; }

    public CatalogItem[] Episodes { get; }

    public (string Title, string Uri)[] Audiobooks { get; }

    /// <summary>Chapters: Name = chapter title, Album = the audiobook's title.</summary>
    public CatalogItem[] Chapters { get; }

    public string AudiobookUriOf(CatalogItem chapter) => Audiobooks.First(a => a.Title == chapter.Album).Uri;

    public int PickTrack(Random rng)
    {
        var x = rng.NextDouble() * trackWeights[^1];
        var index = Array.BinarySearch(trackWeights, x);
        return Math.Min(index < 0 ? ~index : index, Tracks.Length - 1);
    }

    public static string Id(Random rng)
    {
        const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return string.Create(22, rng, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    private static string Name(Random rng, int index, string kind) =>
        index < AwkwardNames.Length && index % 2 == 0
            ? $"{AwkwardNames[index]} {kind}"
            : $"{Words[rng.Next(Words.Length)]} {Words[rng.Next(Words.Length)]} {kind} {index}";
}

/// <summary>A track (Name, Artist, Album), an episode (Name, Album = show) or a chapter (Name, Album = book).</summary>
internal sealed record CatalogItem(string Name, string? Artist, string Album, string Uri);
