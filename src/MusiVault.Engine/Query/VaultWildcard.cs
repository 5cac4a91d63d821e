using System.Text;

namespace MusiVault.Engine.Query;

/// <summary>
/// A PowerShell wildcard pattern (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, <c>`</c> escape) matched the way
/// <c>-like</c> matches: case-insensitive by invariant upper-casing of single UTF-16 characters, <c>?</c> one UTF-16
/// character, character classes case-insensitive. SQLite's LIKE cannot do this (it folds ASCII only and its
/// <c>_</c> is one code point), so the vault's queries call this through a registered SQL function.
/// </summary>
internal sealed class VaultWildcard
{
    private readonly Element[] _elements;

    private VaultWildcard(string pattern, Element[] elements)
    {
        Pattern = pattern;
        _elements = elements;
    }

    public string Pattern { get; }

    /// <summary>True when the pattern only matches the text it spells (no *, ? or class).</summary>
    public bool IsLiteral => _elements.All(e => e.Kind == ElementKind.Literal);

    public static VaultWildcard Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var elements = new List<Element>();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    // Consecutive stars mean the same as one.
                    if (elements.Count == 0 || elements[^1].Kind != ElementKind.Star)
                    {
                        elements.Add(Element.Star);
                    }
                    break;
                case '?':
                    elements.Add(Element.AnyOne);
                    break;
                case '`':
                    // A trailing backtick escapes nothing and stands for itself, as in -like.
                    elements.Add(Element.Literal(i + 1 < pattern.Length ? pattern[++i] : '`'));
                    break;
                case '[':
                    elements.Add(ParseClass(pattern, ref i));
                    break;
                default:
                    elements.Add(Element.Literal(c));
                    break;
            }
        }
        return new VaultWildcard(pattern, [.. elements]);
    }

    /// <summary>Escapes text so that it matches only itself (like WildcardPattern.Escape).</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '`')
            {
                builder.Append('`');
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    public bool IsMatch(string? value)
    {
        value ??= "";
        // Iterative matching with backtracking to the last star: linear for patterns with one star, and never
        // exponential, since every element but the star consumes exactly one character.
        int v = 0, e = 0, starElement = -1, starValue = 0;
        while (v < value.Length)
        {
            if (e < _elements.Length && _elements[e].Kind != ElementKind.Star && _elements[e].Matches(value[v]))
            {
                v++;
                e++;
            }
            else if (e < _elements.Length && _elements[e].Kind == ElementKind.Star)
            {
                starElement = e++;
                starValue = v;
            }
            else if (starElement >= 0)
            {
                e = starElement + 1;
                v = ++starValue;
            }
            else
            {
                return false;
            }
        }
        while (e < _elements.Length && _elements[e].Kind == ElementKind.Star)
        {
            e++;
        }
        return e == _elements.Length;
    }

    private static Element ParseClass(string pattern, ref int i)
    {
        var ranges = new List<(char Low, char High)>();
        var members = new List<char>();
        i++;
        var first = true;
        while (i < pattern.Length && (pattern[i] != ']' || first))
        {
            first = false;
            var c = pattern[i];
            if (c == '`')
            {
                if (++i >= pattern.Length)
                {
                    break;
                }
                c = pattern[i];
            }
            // a-z is a range unless the '-' is the last character of the class.
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                var hiIndex = i + 2;
                var high = pattern[hiIndex];
                if (high == '`' && hiIndex + 1 < pattern.Length)
                {
                    high = pattern[++hiIndex];
                }
                if (high < c)
                {
                    throw Invalid(pattern);
                }
                ranges.Add((c, high));
                i = hiIndex + 1;
                continue;
            }
            members.Add(c);
            i++;
        }
        if (i >= pattern.Length)
        {
            throw Invalid(pattern);
        }
        return Element.Class([.. members], [.. ranges]);
    }

    private static MusiVaultException Invalid(string pattern) =>
        new("InvalidWildcardPattern", ErrorKind.InvalidArgument,
            $"The wildcard pattern '{pattern}' is not valid: a '[' has no matching ']', or a range runs backwards (use ` to escape [ and ] that are part of a name).",
            pattern);

    private enum ElementKind
    {
        Literal,
        AnyOne,
        Star,
        Class,
    }

    private sealed class Element
    {
        private readonly char _upper;
        private readonly char[] _members = [];
        private readonly (char Low, char High)[] _ranges = [];

        private Element(ElementKind kind, char upper = '\0')
        {
            Kind = kind;
            _upper = upper;
        }

        private Element(char[] members, (char, char)[] ranges)
            : this(ElementKind.Class)
        {
            _members = members;
            _ranges = ranges;
        }

        public static Element Star { get; } = new(ElementKind.Star);

        public static Element AnyOne { get; } = new(ElementKind.AnyOne);

        public ElementKind Kind { get; }

        public static Element Literal(char c) => new(ElementKind.Literal, char.ToUpperInvariant(c));

        public static Element Class(char[] members, (char, char)[] ranges) => new(members, ranges);

        public bool Matches(char c) => Kind switch
        {
            ElementKind.Literal => char.ToUpperInvariant(c) == _upper,
            ElementKind.AnyOne => true,
            ElementKind.Class => InClass(c) || InClass(char.ToUpperInvariant(c)) || InClass(char.ToLowerInvariant(c)),
            _ => false,
        };

        private bool InClass(char c)
        {
            foreach (var m in _members)
            {
                if (char.ToUpperInvariant(m) == char.ToUpperInvariant(c))
                {
                    return true;
                }
            }
            foreach (var (low, high) in _ranges)
            {
                if (c >= low && c <= high)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
