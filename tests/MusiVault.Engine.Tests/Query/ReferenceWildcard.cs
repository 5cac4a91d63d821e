using System.Text;
using System.Text.RegularExpressions;

namespace MusiVault.Engine.Tests.Query;

/// <summary>
/// An independent reading of PowerShell's -like, through .NET regular expressions: the expected side of every
/// wildcard test. Only valid patterns are given to it.
/// </summary>
public static class ReferenceWildcard
{
    public static bool Like(string? value, string pattern) =>
        Regex.IsMatch(value ?? "", ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);

    public static string ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '`')
            {
                sb.Append(Regex.Escape(i + 1 < pattern.Length ? pattern[++i].ToString() : "`"));
            }
            else if (c == '*')
            {
                sb.Append(".*");
            }
            else if (c == '?')
            {
                sb.Append('.');
            }
            else if (c == '[')
            {
                var end = i + 1;
                var body = new List<(char C, bool Escaped)>();
                var first = true;
                while (end < pattern.Length && (pattern[end] != ']' || first))
                {
                    first = false;
                    if (pattern[end] == '`')
                    {
                        end++;
                        body.Add((pattern[end], true));
                    }
                    else
                    {
                        body.Add((pattern[end], false));
                    }
                    end++;
                }
                sb.Append('[');
                for (var k = 0; k < body.Count; k++)
                {
                    var (ch, escaped) = body[k];
                    var isRange = ch == '-' && !escaped && k > 0 && k < body.Count - 1;
                    sb.Append(isRange ? "-" : "\\u" + ((int)ch).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                }
                sb.Append(']');
                i = end;
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }
        return sb.Append('$').ToString();
    }
}
