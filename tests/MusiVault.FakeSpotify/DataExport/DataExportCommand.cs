using System.Globalization;

namespace MusiVault.FakeSpotify.DataExport;

/// <summary>
/// `--generate-export &lt;folder&gt; [--plays N] [--years Y] [--seed S] [--zip] [--truncated] [--odd-encodings]
/// [--plays-per-file N]`: writes a synthetic data export and its manifest.json, prints the manifest path, exits 0.
/// </summary>
public static class DataExportCommand
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? folder = null;
        var spec = new DataExportSpec();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                int NextInt() => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"{args[i - 1]} needs an integer.");
                switch (args[i])
                {
                    case "--generate-export": folder = Next(); break;
                    case "--plays": spec = spec with { Plays = NextInt() }; break;
                    case "--years": spec = spec with { Years = NextInt() }; break;
                    case "--seed": spec = spec with { Seed = NextInt() }; break;
                    case "--plays-per-file": spec = spec with { PlaysPerFile = NextInt() }; break;
                    case "--zip": spec = spec with { Zip = true }; break;
                    case "--truncated": spec = spec with { Truncated = true }; break;
                    case "--odd-encodings": spec = spec with { OddEncodings = true }; break;
                    default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
                }
            }
            DataExportGenerator.Write(folder ?? throw new ArgumentException("--generate-export needs a folder."), spec);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        Console.Out.WriteLine(Path.GetFullPath(Path.Combine(folder, "manifest.json")));
        return 0;
    }
}
