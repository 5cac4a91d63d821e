using System.Security.Cryptography;
using System.Text;

namespace MusiVault.Engine.OAuth;

/// <summary>RFC 7636 Proof Key for Code Exchange, S256 method, and the OAuth state value.</summary>
internal static class Pkce
{
    private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    /// <summary>A code verifier: 64 characters from the unreserved set (RFC 7636 allows 43..128).</summary>
    public static string NewVerifier() => RandomString(64);

    /// <summary>An unguessable state value binding the redirect to this login attempt.</summary>
    public static string NewState() => RandomString(32);

    /// <summary>BASE64URL(SHA256(ASCII(verifier))) without padding.</summary>
    public static string Challenge(string verifier) =>
        Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string RandomString(int length) =>
        string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Unreserved[RandomNumberGenerator.GetInt32(Unreserved.Length)];
            }
        });
}
