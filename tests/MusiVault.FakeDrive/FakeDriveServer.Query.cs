using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MusiVault.FakeDrive;
/// <summary>The files.list q grammar MusiVault uses; anything else is refused like Drive does.</summary>
public sealed partial class FakeDriveServer
{
    /// <summary>The q grammar MusiVault uses: clauses joined by "and"; anything else is a 400 like Drive's.</summary>
    internal static List<Func<FakeFile, bool>> ParseQuery(string q)
    {
        var filters = new List<Func<FakeFile, bool>>();
        foreach (var clause in SplitTopLevelAnd(q))
        {
            Match m;
            if ((m = Regex.Match(clause, @"^'((?:[^'\\]|\\.)*)' in parents$")).Success)
            {
                var parent = Unescape(m.Groups[1].Value);
                filters.Add(f => f.Parents.Contains(parent));
            }
            else if ((m = Regex.Match(clause, @"^trashed\s*=\s*(true|false)$")).Success)
            {
                var trashed = m.Groups[1].Value == "true";
                filters.Add(f => f.Trashed == trashed);
            }
            else if ((m = Regex.Match(clause, @"^(name|mimeType)\s*=\s*'((?:[^'\\]|\\.)*)'$")).Success)
            {
                var value = Unescape(m.Groups[2].Value);
                filters.Add(m.Groups[1].Value == "name" ? f => f.Name == value : f => f.MimeType == value);
            }
            else if ((m = Regex.Match(clause, @"^appProperties has \{\s*key\s*=\s*'((?:[^'\\]|\\.)*)' and value\s*=\s*'((?:[^'\\]|\\.)*)'\s*\}$")).Success)
            {
                var key = Unescape(m.Groups[1].Value);
                var value = Unescape(m.Groups[2].Value);
                filters.Add(f => f.AppProperties.TryGetValue(key, out var v) && v == value);
            }
            else
            {
                throw new BadRequest($"Invalid Value: the fake does not understand the query clause \"{clause}\".");
            }
        }
        return filters;
    }

    private static IEnumerable<string> SplitTopLevelAnd(string q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            yield break;
        }
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < q.Length; i++)
        {
            var c = q[i];
            if (c == '\\' && quoted)
            {
                i++;
                continue;
            }
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '{')
            {
                depth++;
            }
            else if (!quoted && c == '}')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && string.CompareOrdinal(q, i, " and ", 0, 5) == 0)
            {
                yield return q[start..i].Trim();
                start = i + 5;
                i += 4;
            }
        }
        yield return q[start..].Trim();
    }

    private static string Unescape(string value) => Regex.Replace(value, @"\\(.)", "$1");
}
