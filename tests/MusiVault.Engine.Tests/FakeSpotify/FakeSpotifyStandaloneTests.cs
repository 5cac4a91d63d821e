using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace MusiVault.Engine.Tests.FakeSpotify;

/// <summary>The standalone program's contract, which the demo and the benchmarks script against.</summary>
public sealed class FakeSpotifyStandaloneTests
{
    [Fact]
    public async Task Prints_one_json_line_serves_control_endpoints_and_exits_when_stdin_closes()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MusiVault.FakeSpotify.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--port", "0", "--seed", "3", "--preset", "Small", "--liked", "120" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.NotNull(line);
            var info = JsonDocument.Parse(line).RootElement;
            var api = info.GetProperty("api").GetString()!;
            var accounts = info.GetProperty("accounts").GetString()!;
            Assert.Equal(accounts + "/v1", api);
            Assert.StartsWith("http://127.0.0.1:", accounts, StringComparison.Ordinal);

            using var http = new HttpClient();
            using var tokenBody = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = info.GetProperty("clientId").GetString()!,
                ["refresh_token"] = info.GetProperty("refreshToken").GetString()!,
            });
            using var token = await http.PostAsync(accounts + "/api/token", tokenBody, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);

            var summary = JsonDocument.Parse(await http.GetStringAsync(accounts + "/_fake/library/summary", timeout.Token)).RootElement;
            Assert.Equal(120, summary.GetProperty("likedTracks").GetInt32());

            using var mutate = await http.PostAsync(accounts + "/_fake/mutate?scenario=demo", null, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, mutate.StatusCode);
            summary = JsonDocument.Parse(await http.GetStringAsync(accounts + "/_fake/library/summary", timeout.Token)).RootElement;
            Assert.Equal(119, summary.GetProperty("likedTracks").GetInt32()); // unlike 2, like 1

            var stats = JsonDocument.Parse(await http.GetStringAsync(accounts + "/_fake/stats", timeout.Token)).RootElement;
            Assert.Equal(1, stats.GetProperty("routes").GetProperty("POST /api/token").GetInt32());

            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync(timeout.Token));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
