using System.Text.Json;
using MusiVault.Engine.Vault;
using MusiVault.TestSeed;

// Test-only vaults made through the real store:
//   empty <path>        a new, empty vault
//   query-seed <path>   a new vault holding the seed read as JSON (VaultSeed's shape) from stdin
//   hash <path>         prints a hash of every row of every table (equal before and after: nothing changed)
//   damage-index <path> removes 7 liked songs' entries from an index (VaultDamage) and prints integrity_check's lines
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MusiVault.TestSeed empty|query-seed|hash|damage-index <path>");
    return 2;
}
var path = Path.GetFullPath(args[1]);
switch (args[0])
{
    case "empty":
        using (VaultSession.Open(path, DateTimeOffset.UtcNow))
        {
        }
        return 0;
    case "query-seed":
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        var seed = JsonSerializer.Deserialize<VaultSeed>(Console.In.ReadToEnd(), options)
            ?? throw new InvalidDataException("No seed on stdin.");
        seed.WriteTo(path);
        return 0;
    case "hash":
        Console.WriteLine(VaultSeed.ContentHash(path));
        return 0;
    case "damage-index":
        foreach (var line in VaultDamage.DropIndexEntries(path))
        {
            Console.WriteLine(line);
        }
        return 0;
    default:
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return 2;
}
