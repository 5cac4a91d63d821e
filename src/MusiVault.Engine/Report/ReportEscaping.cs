using System.Globalization;

namespace MusiVault.Engine.Report;

/// <summary>
/// Escaping for the two places untrusted names land: HTML text/attributes and the JSON island inside a script element.
/// Track and playlist names come from Spotify and contain <c>&lt;script&gt;</c>, quotes, RTL marks and emoji.
/// </summary>
internal static class ReportEscaping
{
    /// <summary>
    /// A name inside running text, escaped and isolated in <c>&lt;bdi&gt;</c>: without it an RTL track name next to an RTL
    /// artist joins one right-to-left run with the " — " between them, and the two swap places on screen.
    /// </summary>
    public static void WriteName(TextWriter writer, string? text)
    {
        writer.Write("<bdi>");
        WriteHtml(writer, text);
        writer.Write("</bdi>");
    }

    /// <summary>Safe in text nodes and in double- or single-quoted attribute values.</summary>
    public static void WriteHtml(TextWriter writer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var replacement = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\0' => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }

            writer.Write(text.AsSpan(start, i - start));
            writer.Write(replacement);
            start = i + 1;
        }

        writer.Write(text.AsSpan(start));
    }

    /// <summary>
    /// A JSON string literal that cannot end the surrounding script element or start a comment: besides JSON's own
    /// escapes, &lt; &gt; &amp; ' and the JavaScript line separators become \u escapes. Lone surrogates are escaped
    /// rather than handed to the UTF-8 encoder, which would replace them.
    /// </summary>
    public static void WriteJsonString(TextWriter writer, string? text)
    {
        if (text is null)
        {
            writer.Write("null");
            return;
        }

        writer.Write('"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var escape = c switch
            {
                '"' or '\\' or '<' or '>' or '&' or '\'' or '\u2028' or '\u2029' => true,
                < ' ' => true,
                _ when char.IsHighSurrogate(c) => i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]),
                _ when char.IsLowSurrogate(c) => i == 0 || !char.IsHighSurrogate(text[i - 1]),
                _ => false,
            };
            if (!escape)
            {
                continue;
            }

            writer.Write(text.AsSpan(start, i - start));
            switch (c)
            {
                case '"': writer.Write("\\\""); break;
                case '\\': writer.Write("\\\\"); break;
                case '\n': writer.Write("\\n"); break;
                case '\r': writer.Write("\\r"); break;
                case '\t': writer.Write("\\t"); break;
                default:
                    writer.Write("\\u");
                    writer.Write(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }

            start = i + 1;
        }

        writer.Write(text.AsSpan(start));
        writer.Write('"');
    }

    /// <summary>Only absolute http(s) URLs become links; anything else (javascript:, data:, relative) is dropped.</summary>
    public static string? SafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    /// <summary>The open.spotify.com page of a spotify:kind:id URI, or null for anything else.</summary>
    public static string? SpotifyWebLink(string? uri)
    {
        if (uri is null)
        {
            return null;
        }

        var parts = uri.Split(':');
        if (parts.Length != 3 || parts[0] != "spotify" || parts[2].Length == 0 || !parts[2].All(char.IsAsciiLetterOrDigit)
            || parts[1] is not ("track" or "playlist" or "album" or "artist" or "show" or "episode"))
        {
            return null;
        }

        return "https://open.spotify.com/" + parts[1] + "/" + parts[2];
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
