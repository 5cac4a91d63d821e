using System.Diagnostics;

namespace MusiVault.Engine.OAuth;

/// <summary>Opens a login page: $BROWSER (with the URL as its argument) if set, else the OS's default browser.</summary>
internal static class BrowserLauncher
{
    /// <summary>False when nothing could be started; the caller has shown the URL anyway.</summary>
    public static bool TryOpen(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            var browser = Environment.GetEnvironmentVariable("BROWSER");
            ProcessStartInfo start;
            if (!string.IsNullOrWhiteSpace(browser))
            {
                start = new ProcessStartInfo(browser) { UseShellExecute = false };
                start.ArgumentList.Add(url.AbsoluteUri);
            }
            else if (OperatingSystem.IsWindows())
            {
                start = new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true };
            }
            else
            {
                start = new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open") { UseShellExecute = false };
                start.ArgumentList.Add(url.AbsoluteUri);
            }
            start.RedirectStandardOutput = !start.UseShellExecute;
            start.RedirectStandardError = !start.UseShellExecute;
            using var process = Process.Start(start);
            if (process is not null && !start.UseShellExecute)
            {
                // Drain what the browser prints so it never blocks on a full pipe, and never reaches our streams.
                process.OutputDataReceived += static (_, _) => { };
                process.ErrorDataReceived += static (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
            }
            return process is not null || start.UseShellExecute;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
