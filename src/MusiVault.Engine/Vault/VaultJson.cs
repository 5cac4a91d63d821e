using System.Text.Json.Serialization;
using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Vault;

/// <summary>The few JSON values the vault stores in columns (image lists, genres, per-collection counts).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<SpotifyImage>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(SyncResult))]
[JsonSerializable(typeof(SyncCollectionResult[]))]
internal sealed partial class VaultJson : JsonSerializerContext
{
}
