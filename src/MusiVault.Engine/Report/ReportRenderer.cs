using System.Globalization;
using System.Text;

namespace MusiVault.Engine.Report;

/// <summary>
/// Writes <see cref="ReportData"/> as one self-contained HTML file: inline style, script and data, no request to any
/// server (the Content-Security-Policy forbids them). Server-side parts are escaped by <see cref="ReportEscaping"/>;
/// the per-playlist entries and the search index travel as a JSON island the script turns into elements on demand,
/// which keeps 40,000 entries to a few megabytes and the page quick to open.
/// </summary>
internal static partial class ReportRenderer
{
    public static void Render(ReportData data, TextWriter w, ReportRenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(w);
        options ??= new ReportRenderOptions();
        var context = new Context(data, options, w, cancellationToken);

        w.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src '");
        w.Write(ReportAssets.ScriptHash);
        w.Write("'; base-uri 'none'; form-action 'none'\"><meta name=\"referrer\" content=\"no-referrer\"><title>MusiVault report — ");
        ReportEscaping.WriteHtml(w, data.VaultName);
        w.Write("</title><style>");
        w.Write(ReportAssets.Style);
        w.Write("</style></head><body>\n<header><h1>MusiVault report</h1><div class=\"muted\">");
        ReportEscaping.WriteHtml(w, data.VaultName);
        w.Write(" · generated ");
        context.Time(data.GeneratedAt);
        w.Write("</div><nav><a href=\"#overview\">Overview</a><a href=\"#search-section\">Search</a><a href=\"#library\">Library over time</a>" +
                "<a href=\"#listening\">Listening</a><a href=\"#playlists\">Playlists</a></nav></header>\n<main>\n");

        WriteOverview(context);
        WriteSearch(context);
        WriteLibrary(context);
        WriteListening(context);
        WritePlaylists(context);

        w.Write("</main>\n<footer>Made by MusiVault from a local vault. This file loads nothing from the network.</footer>\n<div id=\"tip\" hidden></div>\n");
        w.Write("<script type=\"application/json\" id=\"report-data\">");
        WriteJson(context);
        w.Write("</script>\n<script>");
        w.Write(ReportAssets.ScriptText);
        w.Write("</script>\n</body></html>\n");
        w.Flush();
    }

    /// <summary>Writes through a temporary file so an existing report is replaced only by a complete one.</summary>
    public static void WriteFile(ReportData data, string path, ReportRenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
            {
                Render(data, writer, options, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteOverview(Context c)
    {
        var w = c.Writer;
        var o = c.Data.Overview;
        w.Write("<section id=\"overview\"><h2>Overview</h2><div class=\"cards\">");
        Card(w, "likedSongs", o.LikedSongs, "Liked songs");
        Card(w, "playlists", o.Playlists, "Playlists");
        Card(w, "entries", o.PlaylistEntries, "Playlist entries");
        Card(w, "albums", o.Albums, "Albums");
        Card(w, "artists", o.Artists, "Artists");
        Card(w, "shows", o.Shows, "Shows");
        Card(w, "episodes", o.Episodes, "Episodes");
        Card(w, "plays", o.Plays, "Plays");
        w.Write("</div><dl class=\"facts\"><dt>Vault created</dt><dd>");
        if (o.VaultCreatedAt is { } created)
        {
            c.Time(created);
            w.Write(" (");
            w.Write(Age(created, c.Data.GeneratedAt));
            w.Write(" ago)");
        }
        else
        {
            w.Write("unknown");
        }

        w.Write("</dd><dt>Last sync</dt><dd>");
        c.TimeOrNever(o.LastSyncAt, "never synced");
        w.Write("</dd><dt>Last backup</dt><dd>");
        c.TimeOrNever(o.LastBackupAt, "not recorded in the vault (Get-VaultBackup lists the backups on Drive)");
        w.Write("</dd></dl>");
        if (o.Withheld.Count > 0)
        {
            w.Write("<div class=\"notice\" id=\"withheld\"><strong>");
            w.Write(ReportEscaping.Number(o.Withheld.Count));
            w.Write(o.Withheld.Count == 1 ? " playlist" : " playlists");
            w.Write(" not archived:</strong> Spotify withholds the items of playlists the account does not own from apps in " +
                    "Development Mode, so the vault knows their names but not their tracks.<ul>");
            foreach (var p in o.Withheld)
            {
                w.Write("<li>");
                ReportEscaping.WriteName(w, p.Name);
                if (p.Owner is not null)
                {
                    w.Write(" <span class=\"muted\">by ");
                    ReportEscaping.WriteName(w, p.Owner);
                    w.Write("</span>");
                }

                w.Write("</li>");
            }

            w.Write("</ul></div>");
        }

        w.Write("</section>\n");
    }

    private static void Card(TextWriter w, string key, long value, string label)
    {
        w.Write($"<div class=\"card\"><span class=\"num\" data-count=\"{key}\" data-v=\"{value.ToString(CultureInfo.InvariantCulture)}\">");
        w.Write(ReportEscaping.Number(value));
        w.Write($"</span><span class=\"lbl\">{label}</span></div>");
    }

    private static void WriteSearch(Context c)
    {
        c.Writer.Write("<section id=\"search-section\"><h2>Search tracks</h2>" +
                       "<input type=\"search\" id=\"search\" placeholder=\"Track, artist or album\" aria-label=\"Search tracks\" autocomplete=\"off\">" +
                       $"<p class=\"muted\" id=\"result-count\" aria-live=\"polite\"></p><ul id=\"results\"></ul>" +
                       $"<p class=\"muted noprint\">{ReportEscaping.Number(c.Data.Tracks.Count)} tracks in the index.</p></section>\n");
    }

    private static void WriteLibrary(Context c)
    {
        var w = c.Writer;
        w.Write("<section id=\"library\"><h2>Library over time</h2>");
        var months = c.Data.LibraryByMonth;
        if (months.Count == 0)
        {
            w.Write("<p class=\"muted\">No dated library changes yet.</p>");
        }
        else
        {
            var byMonth = months.ToDictionary(m => m.Month);
            var (first, count) = Span(months.Select(m => m.Month));
            var liked = new double[count];
            var added = new double[count];
            var removed = new double[count];
            var unliked = new double[count];
            var unavailable = new double[count];
            var tips = new string[count];
            var month = first;
            for (var i = 0; i < count; i++, month = month.Next())
            {
                byMonth.TryGetValue(month, out var m);
                m ??= new LibraryMonth(month, 0, 0, 0, 0, 0);
                (liked[i], added[i], removed[i], unliked[i], unavailable[i]) =
                    (m.LikedAdded, m.EntriesAdded, m.EntriesRemoved, m.Unliked, m.BecameUnavailable);
                tips[i] = string.Create(CultureInfo.InvariantCulture,
                    $"{month}: +{m.LikedAdded} liked, +{m.EntriesAdded} playlist entries, −{m.EntriesRemoved} removed, −{m.Unliked} unliked, {m.BecameUnavailable} unavailable");
            }

            ReportCharts.WriteMonthlyBars(w, "chart-library", "Added and removed per month", first,
            [
                new ChartSeries("Liked", "s-liked", liked),
                new ChartSeries("Added to playlists", "s-added", added),
                new ChartSeries("Removed from playlists", "s-removed", removed, Below: true),
                new ChartSeries("Unliked", "s-unliked", unliked, Below: true),
                new ChartSeries("Became unavailable", "s-unavail", unavailable, Below: true),
            ], tips, "");
        }

        w.Write("<h3>Recently vanished</h3>");
        if (c.Data.RecentlyVanished.Count == 0)
        {
            w.Write("<p class=\"muted\">Nothing vanished.</p>");
        }
        else
        {
            w.Write("<div class=\"scroll\"><table id=\"vanished\"><thead><tr><th>When</th><th>Track</th><th>Artists</th><th>Playlist</th><th>What</th></tr></thead><tbody>");
            foreach (var v in c.Data.RecentlyVanished)
            {
                var track = c.Track(v.TrackIndex);
                w.Write("<tr><td>");
                c.Time(v.VanishedAt);
                w.Write("</td><td>");
                ReportEscaping.WriteHtml(w, track.Name);
                w.Write("</td><td>");
                ReportEscaping.WriteHtml(w, string.Join(", ", track.Artists));
                w.Write("</td><td>");
                ReportEscaping.WriteHtml(w, v.Playlist);
                w.Write("</td><td>");
                w.Write(v.Reason switch
                {
                    VanishedReason.Removed => "removed",
                    VanishedReason.Unliked => "unliked",
                    _ => "unavailable",
                });
                w.Write("</td></tr>");
            }

            w.Write("</tbody></table></div>");
        }

        w.Write("</section>\n");
    }

    private static void WriteJson(Context c)
    {
        var w = c.Writer;
        w.Write("{\"tracks\":[");
        for (var i = 0; i < c.Data.Tracks.Count; i++)
        {
            if (i % 1024 == 0)
            {
                c.CancellationToken.ThrowIfCancellationRequested();
            }

            var t = c.Data.Tracks[i];
            w.Write(i == 0 ? "[" : ",\n[");
            ReportEscaping.WriteJsonString(w, t.Name);
            w.Write(",[");
            for (var a = 0; a < t.Artists.Count; a++)
            {
                if (a > 0)
                {
                    w.Write(',');
                }

                ReportEscaping.WriteJsonString(w, t.Artists[a]);
            }

            w.Write("],");
            ReportEscaping.WriteJsonString(w, t.Album);
            w.Write(']');
        }

        w.Write("],\n\"playlists\":[");
        for (var p = 0; p < c.Data.Playlists.Count; p++)
        {
            c.CancellationToken.ThrowIfCancellationRequested();
            var playlist = c.Data.Playlists[p];
            w.Write(p == 0 ? "{\"n\":" : ",\n{\"n\":");
            ReportEscaping.WriteJsonString(w, playlist.Name);
            w.Write(",\"e\":[");
            for (var e = 0; e < playlist.Entries.Count; e++)
            {
                var entry = playlist.Entries[e];
                w.Write(e == 0 ? "[" : ",[");
                w.Write(c.CheckedIndex(entry.TrackIndex).ToString(CultureInfo.InvariantCulture));
                if (entry.AddedAt is { } added)
                {
                    w.Write(",\"");
                    w.Write(ReportEscaping.Iso(c.Local(added)));
                    w.Write('"');
                }

                w.Write(']');
            }

            w.Write("],\"c\":[");
            for (var i = 0; i < playlist.Changes.Count; i++)
            {
                var change = playlist.Changes[i];
                w.Write(i == 0 ? "[\"" : ",[\"");
                w.Write(ReportEscaping.Iso(c.Local(change.At)));
                w.Write("\",");
                ReportEscaping.WriteJsonString(w, change.Kind);
                w.Write(',');
                w.Write(change.TrackIndex is { } index ? c.CheckedIndex(index).ToString(CultureInfo.InvariantCulture) : "null");
                w.Write(',');
                ReportEscaping.WriteJsonString(w, change.Detail);
                w.Write(']');
            }

            w.Write("]}");
        }

        w.Write("]}");
    }

    /// <summary>The first month and the number of months up to and including the last, gaps included.</summary>
    private static (ReportMonth First, int Count) Span(IEnumerable<ReportMonth> months)
    {
        var first = months.Min();
        var last = months.Max();
        return (first, (last.Year - first.Year) * 12 + last.Month - first.Month + 1);
    }

    private static string Age(DateTimeOffset from, DateTimeOffset to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);
        if (months < 1)
        {
            var days = Math.Max(0, (int)(to - from).TotalDays);
            return days == 1 ? "1 day" : $"{days} days";
        }

        var (years, rest) = (months / 12, months % 12);
        var parts = new List<string>();
        if (years > 0)
        {
            parts.Add(years == 1 ? "1 year" : $"{years} years");
        }

        if (rest > 0)
        {
            parts.Add(rest == 1 ? "1 month" : $"{rest} months");
        }

        return string.Join(", ", parts);
    }

    private sealed class Context(ReportData data, ReportRenderOptions options, TextWriter writer, CancellationToken cancellationToken)
    {
        public ReportData Data { get; } = data;
        public ReportRenderOptions Options { get; } = options;
        public TextWriter Writer { get; } = writer;
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public DateTimeOffset Local(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Options.TimeZone);

        /// <summary>Local time for people, ISO 8601 with offset for machines.</summary>
        public void Time(DateTimeOffset value)
        {
            var local = Local(value);
            Writer.Write("<time datetime=\"");
            Writer.Write(ReportEscaping.Iso(local));
            Writer.Write("\">");
            Writer.Write(local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            Writer.Write("</time>");
        }

        public void TimeOrNever(DateTimeOffset? value, string never)
        {
            if (value is { } v)
            {
                Time(v);
            }
            else
            {
                Writer.Write("<span class=\"muted\">");
                Writer.Write(never);
                Writer.Write("</span>");
            }
        }

        public ReportTrack Track(int index) => Data.Tracks[CheckedIndex(index)];

        /// <summary>A wrong index is a bug in the query that built the model; fail loudly rather than show another track.</summary>
        public int CheckedIndex(int index) =>
            (uint)index < (uint)Data.Tracks.Count
                ? index
                : throw new InvalidOperationException($"Report track index {index} is outside the {Data.Tracks.Count} tracks of the model.");
    }
}
