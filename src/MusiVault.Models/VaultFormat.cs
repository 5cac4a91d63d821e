using System.Globalization;

namespace MusiVault;

/// <summary>
/// How the default views (src/MusiVault/Formats) print times, durations and sizes, in one place so that every view
/// agrees: local time without seconds, durations as m:ss or h:mm:ss.
/// </summary>
public static class VaultFormat
{
    /// <summary>4:14, 1:02:03; empty for null.</summary>
    public static string Duration(TimeSpan? value)
    {
        if (value is not { } d)
        {
            return "";
        }
        var sign = d < TimeSpan.Zero ? "-" : "";
        d = d.Duration();
        // Rounded to the second a person reads, as players show it.
        var seconds = (long)Math.Round(d.TotalSeconds, MidpointRounding.AwayFromZero);
        var h = seconds / 3600;
        var m = seconds / 60 % 60;
        var s = seconds % 60;
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{m}:{s:00}");
    }

    /// <summary>
    /// A duration as CSV and JSON carry it: [d.]hh:mm:ss[.fff], invariant, so "00:04:14", "01:02:03", "00:03:17.456";
    /// PowerShell's <c>[timespan]</c> cast and TimeSpan.Parse read it back. Null stays null.
    /// </summary>
    public static string? DurationData(TimeSpan? value) => value is { } d ? DurationData(d) : null;

    /// <inheritdoc cref="DurationData(TimeSpan?)"/>
    public static string DurationData(TimeSpan value)
    {
        var format = value.Ticks % TimeSpan.TicksPerSecond == 0 ? @"hh\:mm\:ss" : @"hh\:mm\:ss\.FFFFFFF";
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        var days = value.Days != 0 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(value.Days)}.") : "";
        return (value < TimeSpan.Zero ? "-" : "") + days + text;
    }

    /// <summary>A time as CSV carries it: ISO 8601 with its offset, as ConvertTo-Json writes it ("2026-01-02T03:04:05+01:00").</summary>
    public static string TimeData(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>The local time as yyyy-MM-dd HH:mm; empty for null.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>The local date as yyyy-MM-dd; empty for null.</summary>
    public static string Date(DateTimeOffset? value) =>
        value is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    /// <summary>1.2 MiB, 340 KiB, 12 B.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    /// <summary>Names for a view: joined with ", ", never in braces; empty for none.</summary>
    public static string Names(IEnumerable<string>? names) => names is null ? "" : string.Join(", ", names);
}
