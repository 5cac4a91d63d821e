using System.Text.Json.Serialization;

namespace MusiVault.Engine.Vault;

/// <summary>The few JSON values the vault stores in columns (genres, per-collection counts, warnings).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(SyncResult))]
[JsonSerializable(typeof(SyncCollectionResult[]))]
internal sealed partial class VaultJson : JsonSerializerContext
{
}
