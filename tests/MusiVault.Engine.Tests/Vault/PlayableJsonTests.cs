using System.Text.Json;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Tests.Vault;

public sealed class PlayableJsonTests
{
    [Theory]
    [InlineData("""{"a":1,"episode":false,"track":true,"type":"track"}""", """{"a":1,"type":"track"}""")]
    [InlineData("""{ "a" : 1, "episode" : false , "track" : true }""", """{ "a" : 1 }""")]
    [InlineData("""{"track":true,"a":{"track":true},"b":"x"}""", """{"a":{"track":true},"b":"x"}""")]
    [InlineData("""{"episode":false}""", """{}""")]
    [InlineData("""{"track":{"name":"x"},"track_number":3}""", """{"track":{"name":"x"},"track_number":3}""")]
    [InlineData("""{"name":"Caf\u00e9 \"track\"","track":true}""", """{"name":"Caf\u00e9 \"track\""}""")]
    [InlineData("""{"name":"no flags"}""", """{"name":"no flags"}""")]
    public void Cuts_only_the_top_level_boolean_flags_and_keeps_every_other_byte(string input, string expected)
    {
        var output = PlayableJson.WithoutPlaylistFlags(input);
        Assert.Equal(expected, output);
        using var _ = JsonDocument.Parse(output);
    }
}
