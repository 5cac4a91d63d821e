using System.Globalization;

namespace MusiVault.Engine.Report;

internal static partial class ReportRenderer
{
    private static readonly HashSet<string> EmbeddableImageTypes = ["image/jpeg", "image/png", "image/webp", "image/gif"];

    private static void WriteListening(Context c)
    {
        var w = c.Writer;
        w.Write("<section id=\"listening\"><h2>Listening</h2>");
        if (c.Data.Listening is not { } listening)
        {
            w.Write("<div class=\"notice\" id=\"no-plays\"><strong>No plays imported yet.</strong> " +
                    "Spotify's Web API tells only the last 50 plays. For your whole listening history, request your data from " +
                    "Spotify (account privacy settings, “Extended streaming history”), then run " +
                    "<code>Import-SpotifyDataExport -Path &lt;the zip&gt;</code>. " +
                    "<code>Sync-SpotifyLibrary</code> adds recent plays at every sync. Then export this report again.</div></section>\n");
            return;
        }

        var totalHours = listening.ByMonth.Sum(m => m.Hours);
        w.Write("<div class=\"cards\">");
        Card(w, "listeningPlays", listening.Plays, "Plays");
        Card(w, "listeningHours", (long)Math.Round(totalHours), "Hours");
        w.Write("<div class=\"card\"><span class=\"num\" id=\"skipped-share\">");
        w.Write(listening.SkippedShare.ToString("P1", CultureInfo.InvariantCulture));
        w.Write("</span><span class=\"lbl\">Skipped</span></div></div>");

        if (listening.ByMonth.Count > 0)
        {
            var byMonth = listening.ByMonth.ToDictionary(m => m.Month);
            var (first, count) = Span(listening.ByMonth.Select(m => m.Month));
            var hours = new double[count];
            var tips = new string[count];
            var month = first;
            for (var i = 0; i < count; i++, month = month.Next())
            {
                var found = byMonth.TryGetValue(month, out var m);
                hours[i] = found ? m!.Hours : 0;
                tips[i] = string.Create(CultureInfo.InvariantCulture, $"{month}: {hours[i]:0.#} h, {(found ? m!.Plays : 0):N0} plays");
            }

            ReportCharts.WriteMonthlyBars(w, "chart-hours", "Hours listened per month", first, [new ChartSeries("Hours", "s-hours", hours)], tips, "h");
        }

        ReportCharts.WriteHeatMap(w, "chart-heat", listening.HeatMap);

        w.Write("<h3>Top per year</h3><div class=\"years\">");
        var latest = listening.TopByYear.Count == 0 ? 0 : listening.TopByYear.Max(y => y.Year);
        foreach (var year in listening.TopByYear.OrderByDescending(y => y.Year))
        {
            w.Write(year.Year == latest ? "<details open" : "<details");
            w.Write($" id=\"year-{year.Year.ToString(CultureInfo.InvariantCulture)}\"><summary>");
            w.Write(string.Create(CultureInfo.InvariantCulture, $"{year.Year} · {year.Hours:N0} hours"));
            w.Write("</summary><div class=\"tops\">");
            TopList(c, "Artists", year.TopArtists);
            TopList(c, "Tracks", year.TopTracks);
            TopList(c, "Albums", year.TopAlbums);
            w.Write("</div></details>");
        }

        w.Write("</div><h3>On this day, a year ago (");
        w.Write(listening.OnThisDayDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.Write(")</h3>");
        if (listening.OnThisDay.Count == 0)
        {
            w.Write("<p class=\"muted\">No plays that day.</p>");
        }
        else
        {
            w.Write("<ul id=\"on-this-day\">");
            foreach (var play in listening.OnThisDay)
            {
                w.Write("<li>");
                c.Time(play.EndedAt);
                w.Write(" ");
                ReportEscaping.WriteName(w, play.Name);
                if (play.Artist is not null)
                {
                    w.Write(" <span class=\"muted\">— ");
                    ReportEscaping.WriteName(w, play.Artist);
                    w.Write("</span>");
                }

                w.Write(play.Skipped ? " <span class=\"muted\">(skipped)</span></li>" : "</li>");
            }

            w.Write("</ul>");
        }

        w.Write("</section>\n");
    }

    private static void TopList(Context c, string title, IReadOnlyList<RankedItem> items)
    {
        var w = c.Writer;
        w.Write($"<div><h3>{title}</h3>");
        if (items.Count == 0)
        {
            w.Write("<p class=\"muted\">None.</p></div>");
            return;
        }

        w.Write("<ol>");
        foreach (var item in items)
        {
            w.Write("<li>");
            Image(c, item.ImageUrl);
            ReportEscaping.WriteName(w, item.Name);
            w.Write(" <span class=\"muted\">");
            if (item.Detail is not null)
            {
                w.Write("— ");
                ReportEscaping.WriteName(w, item.Detail);
                w.Write(" · ");
            }

            w.Write(ReportEscaping.Number(item.Plays));
            w.Write(" plays</span></li>");
        }

        w.Write("</ol></div>");
    }

    /// <summary>An embedded thumbnail when asked for and given; otherwise a plain link that loads nothing until clicked.</summary>
    private static void Image(Context c, string? url)
    {
        var link = ReportEscaping.SafeLink(url);
        if (link is null)
        {
            return;
        }

        var w = c.Writer;
        if (c.Options.EmbedImages && c.Options.Thumbnails.TryGetValue(url!, out var thumbnail) && EmbeddableImageTypes.Contains(thumbnail.MediaType))
        {
            w.Write("<img class=\"thumb\" alt=\"\" src=\"data:");
            w.Write(thumbnail.MediaType);
            w.Write(";base64,");
            w.Write(Convert.ToBase64String(thumbnail.Data.Span));
            w.Write("\">");
            return;
        }

        w.Write("<a class=\"noprint\" rel=\"noreferrer noopener\" target=\"_blank\" href=\"");
        ReportEscaping.WriteHtml(w, link);
        w.Write("\">[cover]</a> ");
    }

    private static void WritePlaylists(Context c)
    {
        var w = c.Writer;
        var playlists = c.Data.Playlists;
        w.Write("<section id=\"playlists\"><h2>Playlists</h2>");
        if (playlists.Count == 0)
        {
            w.Write("<p class=\"muted\">No playlists archived.</p></section>\n");
            return;
        }

        w.Write("<input type=\"search\" id=\"pl-filter\" placeholder=\"Filter by name or owner\" aria-label=\"Filter playlists\" autocomplete=\"off\">");
        w.Write($"<p class=\"muted\" id=\"pl-shown\" aria-live=\"polite\">{ReportEscaping.Number(playlists.Count)} playlists</p>");
        w.Write("<div class=\"scroll\"><table id=\"pl-table\"><thead><tr>" +
                "<th><button type=\"button\">Name</button></th><th><button type=\"button\">Owner</button></th>" +
                "<th class=\"n\"><button type=\"button\">Entries</button></th><th data-date><button type=\"button\">Last change</button></th>" +
                "<th class=\"n\"><button type=\"button\">Changes</button></th></tr></thead><tbody>");
        for (var i = 0; i < playlists.Count; i++)
        {
            var p = playlists[i];
            w.Write("<tr><td data-v=\"");
            ReportEscaping.WriteHtml(w, p.Name);
            w.Write($"\"><a href=\"#pl-{i.ToString(CultureInfo.InvariantCulture)}\">");
            ReportEscaping.WriteHtml(w, p.Name);
            w.Write("</a></td><td data-v=\"");
            ReportEscaping.WriteHtml(w, p.Owner);
            w.Write("\">");
            ReportEscaping.WriteHtml(w, p.Owner);
            w.Write($"</td><td class=\"n\" data-v=\"{p.EntryCount.ToString(CultureInfo.InvariantCulture)}\">{ReportEscaping.Number(p.EntryCount)}</td>");
            w.Write($"<td data-v=\"{(p.LastChangedAt?.ToUnixTimeSeconds() ?? 0).ToString(CultureInfo.InvariantCulture)}\">");
            c.TimeOrNever(p.LastChangedAt, "—");
            w.Write($"</td><td class=\"n\" data-v=\"{p.ChangeCount.ToString(CultureInfo.InvariantCulture)}\">{ReportEscaping.Number(p.ChangeCount)}</td></tr>");
        }

        w.Write("</tbody></table></div><h3>Each playlist</h3>");
        for (var i = 0; i < playlists.Count; i++)
        {
            c.CancellationToken.ThrowIfCancellationRequested();
            var p = playlists[i];
            w.Write($"<details class=\"pl\" id=\"pl-{i.ToString(CultureInfo.InvariantCulture)}\"><summary>");
            ReportEscaping.WriteName(w, p.Name);
            w.Write(" <span class=\"muted\">");
            if (p.Owner is not null)
            {
                w.Write("by ");
                ReportEscaping.WriteName(w, p.Owner);
                w.Write(" · ");
            }

            w.Write(ReportEscaping.Number(p.EntryCount));
            w.Write(p.EntryCount == 1 ? " entry" : " entries");
            w.Write("</span></summary><p>");
            Image(c, p.ImageUrl);
            if (ReportEscaping.SpotifyWebLink(p.SpotifyUri) is { } web)
            {
                w.Write("<a class=\"noprint\" rel=\"noreferrer noopener\" target=\"_blank\" href=\"");
                ReportEscaping.WriteHtml(w, web);
                w.Write("\">Open in Spotify</a>");
            }

            w.Write($"</p><div data-pl=\"{i.ToString(CultureInfo.InvariantCulture)}\"></div></details>");
        }

        w.Write("</section>\n");
    }
}
