using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace MusiVault.FakeSpotify;

/// <summary>
/// Standalone: dotnet run --project tests/MusiVault.FakeSpotify -c Release -- --port 0 --seed 42 --preset Demo
/// [--liked N --playlists N --entries N] [--latency-ms 20] [--legacy] [--images-on-fake] [--no-stdin].
/// Prints one JSON line {"api","accounts","clientId","refreshToken"} once listening, then serves until stdin reaches
/// EOF (unless --no-stdin), SIGTERM or Ctrl+C.
/// With --generate-export it writes a synthetic privacy export instead (see DataExport/DataExportCommand.cs) and exits.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--generate-export"))
        {
            return DataExport.DataExportCommand.Run(args);
        }

        FakeSpotifyOptions options;
        bool watchStdin;
        try
        {
            (options, watchStdin) = Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        await using var server = await FakeSpotifyServer.StartAsync(options);
        var line = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["api"] = server.ApiBaseUrl,
            ["accounts"] = server.AccountsBaseUrl,
            ["clientId"] = server.ClientId,
            ["refreshToken"] = server.IssueRefreshToken(),
        });
        Console.Out.WriteLine(line);
        Console.Out.Flush();

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        if (watchStdin)
        {
            _ = Task.Run(
                async () =>
                {
                    using var stdin = Console.OpenStandardInput();
                    var buffer = new byte[256];
                    while (await stdin.ReadAsync(buffer) > 0)
                    {
                    }

                    await stop.CancelAsync();
                },
                CancellationToken.None);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Normal shutdown.
        }

        return 0;
    }

    private static (FakeSpotifyOptions Options, bool WatchStdin) Parse(string[] args)
    {
        var port = 0;
        var seed = 42;
        var latency = 0;
        var legacy = false;
        var watchStdin = true;
        var imagesOnFake = false;
        var spec = LibrarySpec.Demo;
        int? liked = null, playlists = null, entries = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"{args[i - 1]} needs an integer.");
            switch (args[i])
            {
                case "--port": port = NextInt(); break;
                case "--seed": seed = NextInt(); break;
                case "--preset": spec = LibrarySpec.FromPreset(Next()); break;
                case "--liked": liked = NextInt(); break;
                case "--playlists": playlists = NextInt(); break;
                case "--entries": entries = NextInt(); break;
                case "--latency-ms": latency = NextInt(); break;
                case "--legacy": legacy = true; break;
                case "--no-stdin": watchStdin = false; break;
                case "--images-on-fake": imagesOnFake = true; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        spec = spec with
        {
            LikedTracks = liked ?? spec.LikedTracks,
            Playlists = playlists ?? spec.Playlists,
            TotalEntries = entries ?? spec.TotalEntries,
        };
        return (new FakeSpotifyOptions { Port = port, Seed = seed, Library = spec, LatencyMs = latency, LegacyShapes = legacy, ImagesOnFake = imagesOnFake }, watchStdin);
    }
}
