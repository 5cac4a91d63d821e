using MusiVault.Engine.Query;

namespace MusiVault.Engine.Tests.Query;

public sealed class VaultWildcardTests
{
    public static readonly string[] Patterns =
    [
        "*", "", "éclair*", "É*", "*NOIR", "*%*", "100%*", "100`%*", "*_*", "under_score", "under?score", "*`[*", "`[*", "[[]*",
        "*;*", "*'*", "[a-c]*", "[A-C]*", "[É]*", "*ß*", "STRASSE", "straße", "?", "*😀*", "emoji ? song", "emoji ?? song",
        "*[0-9]*", "[]]*", "*[;%_]*", "[a`-c]*", "*-*", "Road Trip*", "road trip", "*`*", "x`'); DROP*", VaultSeed.Injection,
        "日本*", "*の*", "Intro", "[Intro]", "`[Intro`]", "*a", "a*b*c", "Don't*", "ça*", "Ç*",
    ];

    public static TheoryData<string> PatternData()
    {
        var data = new TheoryData<string>();
        foreach (var p in Patterns)
        {
            data.Add(p);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PatternData))]
    public void Matches_like_the_reference_over_every_name_in_the_seed(string pattern)
    {
        var seed = VaultSeed.Messy();
        var names = seed.Items.Select(i => i.Name)
            .Concat(seed.Artists.Select(a => a.Name))
            .Concat(seed.Albums.Select(a => a.Name))
            .Concat(seed.Playlists.Select(p => p.Name))
            .Concat(["", "a", "abc", "aXbYc", "]x", "-", "Ça va", "çA", "1", "`"])
            .ToList();
        var wildcard = VaultWildcard.Parse(pattern);
        foreach (var name in names)
        {
            Assert.True(ReferenceWildcard.Like(name, pattern) == wildcard.IsMatch(name), $"'{name}' -like '{pattern}'");
        }
    }

    [Theory]
    [InlineData("[abc")]
    [InlineData("[")]
    [InlineData("[]")]
    [InlineData("[c-a]")]
    [InlineData("x[`]")]
    public void Invalid_patterns_are_refused_with_a_stable_error(string pattern)
    {
        var ex = Assert.Throws<MusiVaultException>(() => VaultWildcard.Parse(pattern));
        Assert.Equal("InvalidWildcardPattern", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Category);
    }

    [Theory]
    [InlineData("a*b?c[d]e`f")]
    [InlineData("100% [Live]")]
    [InlineData("`")]
    public void Escape_makes_text_match_only_itself(string text)
    {
        var wildcard = VaultWildcard.Parse(VaultWildcard.Escape(text));
        Assert.True(wildcard.IsLiteral);
        Assert.True(wildcard.IsMatch(text));
        Assert.True(wildcard.IsMatch(text.ToUpperInvariant()));
        Assert.False(wildcard.IsMatch(text + "x"));
    }

    [Fact]
    public void Trailing_backtick_and_case_folding_follow_like()
    {
        // Observed in pwsh 7.6: 'a`' -like 'a`' is true; 'ς' -like 'Σ' is true; 'ß' -like 'SS' is false.
        Assert.True(VaultWildcard.Parse("a`").IsMatch("a`"));
        Assert.False(VaultWildcard.Parse("a`").IsMatch("a"));
        Assert.True(VaultWildcard.Parse("Σ").IsMatch("ς"));
        Assert.False(VaultWildcard.Parse("SS").IsMatch("ß"));
        Assert.True(VaultWildcard.Parse("[A-z]").IsMatch("_"));
    }
}
