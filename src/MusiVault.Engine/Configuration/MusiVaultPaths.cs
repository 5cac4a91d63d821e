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

    public static string Home => ResolveHome(Environment.GetEnvironmentVariable, Platform.Current);

    public static string DefaultVault => ResolveDefaultVault(Environment.GetEnvironmentVariable, Platform.Current);

    public static string ResolveHome(Func<string, string?> getVariable, OperatingSystemKind os)
    {
        var explicitHome = getVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(explicitHome))
        {
            return Path.GetFullPath(explicitHome);
        }

        var userHome = getVariable(os == OperatingSystemKind.Windows ? "USERPROFILE" : "HOME");
        if (string.IsNullOrEmpty(userHome))
        {
            userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
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

    public static string ResolveDefaultVault(Func<string, string?> getVariable, OperatingSystemKind os)
    {
        var explicitVault = getVariable(VaultVariable);
        return !string.IsNullOrWhiteSpace(explicitVault)
            ? Path.GetFullPath(explicitVault)
            : Path.Combine(ResolveHome(getVariable, os), "vault.db");
    }
}

public enum OperatingSystemKind
{
    Linux,
    MacOS,
    Windows,
}

public static class Platform
{
    public static OperatingSystemKind Current =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OperatingSystemKind.Windows
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OperatingSystemKind.MacOS
        : OperatingSystemKind.Linux;
}
