using System.Globalization;

namespace MusiVault.Engine.Report;

/// <summary>One stacked part of a monthly bar; <see cref="Below"/> parts grow downwards from the zero line.</summary>
internal sealed record ChartSeries(string Label, string CssClass, IReadOnlyList<double> Values, bool Below = false);

/// <summary>
/// Charts as inline SVG written by the engine: a few kilobytes instead of a charting library of megabytes, identical in
/// every browser and in print, and testable by counting elements. Every month or cell is one element with a
/// <c>data-tip</c>; the page's script turns that into the hover value.
/// </summary>
internal static class ReportCharts
{
    private const double Width = 1000;
    private const double Height = 280;
    private const double Left = 56;
    private const double Right = 8;
    private const double Top = 10;
    private const double Bottom = 26;

    private static readonly string[] WeekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>A stacked bar per month from <paramref name="first"/>, <paramref name="tips"/>[i] naming month i.</summary>
    public static void WriteMonthlyBars(
        TextWriter w, string id, string title, ReportMonth first, IReadOnlyList<ChartSeries> series, IReadOnlyList<string> tips, string unit)
    {
        var count = tips.Count;
        var above = new double[count];
        var below = new double[count];
        foreach (var s in series)
        {
            for (var i = 0; i < count; i++)
            {
                if (s.Below)
                {
                    below[i] += s.Values[i];
                }
                else
                {
                    above[i] += s.Values[i];
                }
            }
        }

        var maxAbove = Nice(count == 0 ? 0 : above.Max());
        var maxBelow = Nice(count == 0 ? 0 : below.Max());
        var plotHeight = Height - Top - Bottom;
        var range = Math.Max(maxAbove + maxBelow, 1);
        var zeroY = Top + plotHeight * maxAbove / range;
        var scale = plotHeight / range;
        var band = (Width - Left - Right) / Math.Max(count, 1);

        w.Write($"<figure class=\"chart\"><figcaption>");
        ReportEscaping.WriteHtml(w, title);
        w.Write("</figcaption>");
        WriteLegend(w, series);
        w.Write($"<svg id=\"{id}\" viewBox=\"0 0 {F(Width)} {F(Height)}\" role=\"img\" aria-label=\"");
        ReportEscaping.WriteHtml(w, title);
        w.Write("\">");
        w.Write($"<line class=\"axis\" x1=\"{F(Left)}\" x2=\"{F(Width - Right)}\" y1=\"{F(zeroY)}\" y2=\"{F(zeroY)}\"/>");
        w.Write($"<text class=\"ylab\" x=\"{F(Left - 6)}\" y=\"{F(Top + 10)}\">{F(maxAbove)} {unit}</text>");
        if (maxBelow > 0)
        {
            w.Write($"<text class=\"ylab\" x=\"{F(Left - 6)}\" y=\"{F(Height - Bottom)}\">−{F(maxBelow)}</text>");
        }

        var month = first;
        var labelEvery = count > 120 ? 2 : 1;
        for (var i = 0; i < count; i++, month = month.Next())
        {
            var x = Left + i * band;
            if (month.Month == 1 && (month.Year % labelEvery == 0 || count <= 24))
            {
                w.Write($"<text class=\"xlab\" x=\"{F(x)}\" y=\"{F(Height - 8)}\">{month.Year}</text>");
            }

            w.Write("<g class=\"pt\" tabindex=\"0\" data-tip=\"");
            ReportEscaping.WriteHtml(w, tips[i]);
            w.Write($"\"><rect class=\"hit\" x=\"{F(x)}\" y=\"{F(Top)}\" width=\"{F(band)}\" height=\"{F(plotHeight)}\"/>");
            double up = zeroY, down = zeroY;
            var barWidth = Math.Max(band * 0.8, 0.5);
            foreach (var s in series)
            {
                var v = s.Values[i];
                if (v <= 0)
                {
                    continue;
                }

                var h = v * scale;
                var y = s.Below ? down : up - h;
                w.Write($"<rect class=\"{s.CssClass}\" x=\"{F(x + band * 0.1)}\" y=\"{F(y)}\" width=\"{F(barWidth)}\" height=\"{F(h)}\"/>");
                if (s.Below)
                {
                    down += h;
                }
                else
                {
                    up -= h;
                }
            }

            w.Write("</g>");
        }

        w.Write("</svg></figure>\n");
    }

    /// <summary>Weekday rows (Monday first) × 24 hour columns, darker for more plays.</summary>
    public static void WriteHeatMap(TextWriter w, string id, ListeningHeatMap map)
    {
        const double cell = 36, gap = 2, left = 40, top = 18;
        var max = Math.Max(map.Max, 1);
        w.Write("<figure class=\"chart\"><figcaption>Plays by weekday and hour</figcaption>");
        w.Write($"<svg id=\"{id}\" class=\"heat\" viewBox=\"0 0 {F(left + 24 * cell)} {F(top + 7 * cell)}\" role=\"img\" aria-label=\"Plays by weekday and hour\">");
        for (var hour = 0; hour < 24; hour += 3)
        {
            w.Write($"<text class=\"xlab\" x=\"{F(left + hour * cell + cell / 2)}\" y=\"12\">{hour:D2}</text>");
        }

        for (var row = 0; row < 7; row++)
        {
            var day = (DayOfWeek)((row + 1) % 7);
            var y = top + row * cell;
            w.Write($"<text class=\"ylab\" x=\"{F(left - 6)}\" y=\"{F(y + cell * 0.62)}\">{WeekdayNames[row]}</text>");
            for (var hour = 0; hour < 24; hour++)
            {
                var plays = map[day, hour];
                var opacity = plays == 0 ? 0.04 : 0.12 + 0.88 * plays / max;
                w.Write(
                    $"<rect class=\"cell\" tabindex=\"0\" x=\"{F(left + hour * cell)}\" y=\"{F(y)}\" width=\"{F(cell - gap)}\" height=\"{F(cell - gap)}\" " +
                    $"fill-opacity=\"{F(opacity)}\" data-tip=\"{WeekdayNames[row]} {hour:D2}:00–{hour:D2}:59: {ReportEscaping.Number(plays)} plays\"/>");
            }
        }

        w.Write("</svg></figure>\n");
    }

    private static void WriteLegend(TextWriter w, IReadOnlyList<ChartSeries> series)
    {
        if (series.Count < 2)
        {
            return;
        }

        w.Write("<ul class=\"legend\">");
        foreach (var s in series)
        {
            w.Write($"<li><svg viewBox=\"0 0 10 10\" class=\"key\"><rect class=\"{s.CssClass}\" width=\"10\" height=\"10\"/></svg>");
            ReportEscaping.WriteHtml(w, s.Label);
            w.Write("</li>");
        }

        w.Write("</ul>");
    }

    /// <summary>Round an axis maximum up to 1, 2 or 5 times a power of ten so the label is a plain number.</summary>
    private static double Nice(double value)
    {
        if (value <= 0)
        {
            return 0;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 5, 10 })
        {
            if (value <= step * magnitude)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string F(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
