using MusiVault.Engine.Configuration;

namespace MusiVault.Engine.Drive;

/// <summary>
/// The stored Google Drive authorisations, as Get-GoogleDriveConnection and Disconnect-GoogleDrive see them (the
/// Spotify pair's counterparts). A profile folder is shared with Spotify, so forgetting Drive deletes only the
/// google.* files, and the folder only when nothing else is left in it.
/// </summary>
public static class GoogleDriveConnections
{
    /// <summary>The profile the Drive cmdlets use when -Profile is not given.</summary>
    public const string DefaultProfile = GoogleProfile.DefaultProfile;

    private static readonly string[] Files = ["google.token", "google.json"];

    /// <summary>Every profile with a usable Drive authorisation, by name.</summary>
    public static IReadOnlyList<GoogleDriveConnection> List(string? home = null)
    {
        var profiles = Path.Combine(home ?? MusiVaultPaths.Home, "profiles");
        if (!System.IO.Directory.Exists(profiles))
        {
            return [];
        }
        return System.IO.Directory.EnumerateDirectories(profiles)
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => File.Exists(Path.Combine(profiles, name, "google.json")))
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(name => Get(name, home))
            .OfType<GoogleDriveConnection>()
            .ToList();
    }

    /// <summary>The profile's Drive authorisation; <c>GoogleDriveNotConnected</c> when it has none.</summary>
    public static GoogleDriveConnection Get(string profile, string? home = null) =>
        GoogleProfile.Load(profile, home) is { } stored
            ? GoogleDriveConnector.ToConnection(stored)
            : throw NotConnected(profile);

    /// <summary>Forgets the profile's Drive authorisation (Google keeps the grant until the user removes the app).</summary>
    public static void Remove(string profile, string? home = null)
    {
        var dir = GoogleProfile.Directory(home ?? MusiVaultPaths.Home, profile);
        if (!Files.Any(f => File.Exists(Path.Combine(dir, f))))
        {
            throw NotConnected(profile);
        }
        // The token first: a folder with metadata but no token already reads as "not connected".
        foreach (var file in Files)
        {
            File.Delete(Path.Combine(dir, file));
        }
        if (!System.IO.Directory.EnumerateFileSystemEntries(dir).Any())
        {
            System.IO.Directory.Delete(dir);
        }
    }

    private static MusiVaultException NotConnected(string profile) =>
        new("GoogleDriveNotConnected", ErrorKind.ObjectNotFound,
            $"There is no Google Drive connection for profile '{profile}'. Run Connect-GoogleDrive{(profile == GoogleProfile.DefaultProfile ? "" : " -Profile " + profile)} first.", profile);
}
