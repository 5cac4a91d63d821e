using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace MusiVault.Engine.Security;

/// <summary>
/// What a secret file holds on disk: on Windows the bytes encrypted with DPAPI for the current user (the folder ACLs
/// alone do not keep out backup tools and other admins); elsewhere the bytes as they are, kept private by 0600.
/// </summary>
internal static class SecretProtection
{
    private static readonly byte[] DpapiEntropy = Encoding.UTF8.GetBytes("MusiVault.SecretFile.v1");

    /// <summary>True where <see cref="Protect"/> encrypts.</summary>
    public static bool Encrypts => OperatingSystem.IsWindows();

    public static byte[] Protect(byte[] plain) => OperatingSystem.IsWindows() ? ProtectWindows(plain) : plain;

    /// <exception cref="CryptographicException">Windows: the bytes were not protected by this user.</exception>
    public static byte[] Unprotect(byte[] stored) => OperatingSystem.IsWindows() ? UnprotectWindows(stored) : stored;

    [SupportedOSPlatform("windows")]
    private static byte[] ProtectWindows(byte[] plain) =>
        ProtectedData.Protect(plain, DpapiEntropy, DataProtectionScope.CurrentUser);

    [SupportedOSPlatform("windows")]
    private static byte[] UnprotectWindows(byte[] stored) =>
        ProtectedData.Unprotect(stored, DpapiEntropy, DataProtectionScope.CurrentUser);
}
