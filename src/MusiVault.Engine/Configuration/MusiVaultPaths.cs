using System.Runtime.InteropServices;

namespace MusiVault.Engine.Configuration;

/// <summary>
/// Where MusiVault keeps its files. One rule for every cmdlet: MUSIVAULT_HOME, else the platform's per-user data
/// folder; the default vault is &lt;home&gt;/vault.db unless MUSIVAULT_VAULT names another.
/// </summary>
public static class MusiVaultPaths
{
    public const string HomeVariable = "MUSIVAULT_HOME";
    public const string VaultVariable = "MUSIVAULT_VAULT";

    private static readonly AsyncLocal<string?> CurrentLocation = new();

    /// <summary>
    /// The folder relative paths in MUSIVAULT_HOME / MUSIVAULT_VAULT resolve against. Cmdlets set it to their current
    /// PowerShell location ($PWD): Set-Location does not move the process's current directory. Unset (completers,
    /// tests): the process's current directory.
    /// </summary>
    public static string? WorkingDirectory
    {
        get => CurrentLocation.Value;
        set => CurrentLocation.Value = value;
    }

    public static string Home => ResolveHome(Environment.GetEnvironmentVariable, Platform.Current, BaseDirectory);

    public static string DefaultVault => ResolveDefaultVault(Environment.GetEnvironmentVariable, Platform.Current, BaseDirectory);

    private static string BaseDirectory => WorkingDirectory ?? Environment.CurrentDirectory;

    internal static string ResolveHome(Func<string, string?> getVariable, OperatingSystemKind os) =>
        ResolveHome(getVariable, os, Environment.CurrentDirectory);

    internal static string ResolveHome(Func<string, string?> getVariable, OperatingSystemKind os, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var userHome = UserHome(getVariable, os);
        var explicitHome = getVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(explicitHome))
        {
            return ExpandPath(explicitHome, workingDirectory, userHome);
        }

        switch (os)
        {
            case OperatingSystemKind.Windows:
                var localAppData = getVariable("LOCALAPPDATA");
                if (string.IsNullOrEmpty(localAppData))
                {
                    localAppData = Path.Combine(userHome, "AppData", "Local");
                }
                return Path.Combine(localAppData, "MusiVault");
            case OperatingSystemKind.MacOS:
                return Path.Combine(userHome, "Library", "Application Support", "MusiVault");
            default:
                var xdg = getVariable("XDG_DATA_HOME");
                // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
                if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
                {
                    return Path.Combine(xdg, "musivault");
                }
                return Path.Combine(userHome, ".local", "share", "musivault");
        }
    }

    internal static string ResolveDefaultVault(Func<string, string?> getVariable, OperatingSystemKind os) =>
        ResolveDefaultVault(getVariable, os, Environment.CurrentDirectory);

    internal static string ResolveDefaultVault(Func<string, string?> getVariable, OperatingSystemKind os, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var explicitVault = getVariable(VaultVariable);
        return !string.IsNullOrWhiteSpace(explicitVault)
            ? ExpandPath(explicitVault, workingDirectory, UserHome(getVariable, os))
            : Path.Combine(ResolveHome(getVariable, os, workingDirectory), "vault.db");
    }

    /// <summary>
    /// A path from a variable as a shell user means it: a leading ~ is the user's home folder (environment variables
    /// set outside a shell, in a service unit or Task Scheduler, arrive unexpanded), and a relative path is relative to
    /// <paramref name="workingDirectory"/>. ~user forms are left as they are.
    /// </summary>
    public static string ExpandPath(string path, string workingDirectory, string userHome)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim();
        if (trimmed == "~")
        {
            return Path.GetFullPath(userHome);
        }
        if (trimmed.StartsWith("~/", StringComparison.Ordinal) || trimmed.StartsWith("~\\", StringComparison.Ordinal))
        {
            return Path.GetFullPath(Path.Combine(userHome, trimmed[2..]));
        }
        return Path.GetFullPath(trimmed, workingDirectory);
    }

    private static string UserHome(Func<string, string?> getVariable, OperatingSystemKind os)
    {
        var userHome = getVariable(os == OperatingSystemKind.Windows ? "USERPROFILE" : "HOME");
        return string.IsNullOrEmpty(userHome) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : userHome;
    }
}

internal enum OperatingSystemKind
{
    Linux,
    MacOS,
    Windows,
}

internal static class Platform
{
    public static OperatingSystemKind Current =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OperatingSystemKind.Windows
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OperatingSystemKind.MacOS
        : OperatingSystemKind.Linux;
}
