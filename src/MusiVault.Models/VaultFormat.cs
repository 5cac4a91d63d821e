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
