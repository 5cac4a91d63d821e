using System.Diagnostics;
using System.Text;

namespace MusiVault.Engine.Tests.Report;

/// <summary>
/// A real headless Chromium (Debian's package, or the path in MUSIVAULT_CHROMIUM) in a fresh profile, driven over the
/// DevTools protocol. The port is chosen by the browser (--remote-debugging-port=0) and read from the
/// DevToolsActivePort file it writes into the profile; we wait for that file as a signal, never for a fixed time.
/// A missing browser is an error with the fix in the message, so a machine without it fails instead of skipping.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string PathVariable = "MUSIVAULT_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;

    private HeadlessChromium(Process process, string profile, CdpConnection connection)
    {
        _process = process;
        _profile = profile;
        Connection = connection;
    }

    public CdpConnection Connection { get; }

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    public static async Task<HeadlessChromium> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var executable = ExecutablePath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{executable}'. The report's browser tests need a real Chromium: install Debian's " +
                $"package (sudo apt-get install chromium) or set {PathVariable} to a Chromium or Chrome executable.");
        }

        var profile = Directory.CreateTempSubdirectory("musivault-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
                     // Containers give /dev/shm 64 MB, too little for Chromium's renderer.
                     "--disable-dev-shm-usage", "--no-default-browser-check", $"--user-data-dir={profile}", "about:blank",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var stderr = new StringBuilder();
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var endpoint = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);

        void CheckPortFile()
        {
            if (TryReadEndpoint(portFile) is { } uri)
            {
                endpoint.TrySetResult(uri);
            }
        }

        using var watcher = new FileSystemWatcher(profile, "DevToolsActivePort")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, _) => CheckPortFile();
        watcher.Changed += (_, _) => CheckPortFile();
        watcher.Renamed += (_, _) => CheckPortFile();
        watcher.EnableRaisingEvents = true;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            // Chromium prints this line after writing the file: a second signal in case the watcher missed the write.
            if (e.Data.Contains("DevTools listening on", StringComparison.Ordinal))
            {
                CheckPortFile();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) =>
        {
            string output;
            lock (stderr)
            {
                output = stderr.ToString();
            }

            endpoint.TrySetException(new InvalidOperationException($"Chromium exited with code {process.ExitCode} before it was ready:\n{output}"));
        };

        try
        {
            process.Start();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            CheckPortFile();
            var uri = await endpoint.Task.WaitAsync(timeout, cancellationToken);
            var connection = await CdpConnection.ConnectAsync(uri, cancellationToken);
            return new HeadlessChromium(process, profile, connection);
        }
        catch (Exception ex)
        {
            Stop(process);
            process.Dispose();
            TryDeleteProfile(profile);
            if (ex is TimeoutException)
            {
                string output;
                lock (stderr)
                {
                    output = stderr.ToString();
                }

                throw new TimeoutException($"Chromium wrote no DevToolsActivePort within {timeout.TotalSeconds:0} s:\n{output}", ex);
            }

            throw;
        }
    }

    /// <summary>A new tab attached as its own session, with the domains the checks listen to enabled.</summary>
    public async Task<CdpPage> OpenPageAsync(CancellationToken cancellationToken)
    {
        var target = await Connection.SendAsync("Target.createTarget", new { url = "about:blank" }, null, cancellationToken);
        var targetId = target.GetProperty("targetId").GetString()!;
        var attached = await Connection.SendAsync("Target.attachToTarget", new { targetId, flatten = true }, null, cancellationToken);
        var page = new CdpPage(Connection, attached.GetProperty("sessionId").GetString()!, targetId);
        try
        {
            foreach (var domain in new[] { "Page", "Runtime", "Log", "Network" })
            {
                await page.SendAsync(domain + ".enable", null, cancellationToken);
            }

            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    /// <summary>The two lines Chromium writes: the port, then the browser's WebSocket path. Null until both are there.</summary>
    private static Uri? TryReadEndpoint(string portFile)
    {
        try
        {
            var lines = File.ReadAllLines(portFile);
            if (lines.Length >= 2 && int.TryParse(lines[0], out var port) && lines[1].StartsWith('/'))
            {
                return new Uri($"ws://127.0.0.1:{port}{lines[1]}");
            }
        }
        catch (IOException)
        {
            // Not written yet, or being written: the next event reads it again.
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Connection.SendAsync("Browser.close", null, null, timeout.Token);
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            // Browser.close may lose its reply when the socket closes first; the process is checked below.
        }

        await Connection.DisposeAsync();
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                Stop(_process);
            }
        }

        _process.Dispose();
        TryDeleteProfile(_profile);
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    private static void TryDeleteProfile(string profile)
    {
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A helper process may still hold a file for a moment; the temp folder is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
