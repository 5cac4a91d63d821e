using System.Security.Cryptography;
using System.Text;
using MusiVault.Engine.Security;

namespace MusiVault.Engine.Tests.Platform;

public sealed class SecretProtectionTests
{
    [Fact]
    public void Protected_bytes_round_trip()
    {
        var plain = Encoding.UTF8.GetBytes("{\"refresh_token\":\"abc\"}");
        Assert.Equal(plain, SecretProtection.Unprotect(SecretProtection.Protect(plain)));
    }

    [Fact]
    public void Only_Windows_encrypts_and_foreign_bytes_are_refused_there()
    {
        var plain = Encoding.UTF8.GetBytes("secret");
        Assert.Equal(OperatingSystem.IsWindows(), SecretProtection.Encrypts);
        if (SecretProtection.Encrypts)
        {
            Assert.NotEqual(plain, SecretProtection.Protect(plain));
            Assert.ThrowsAny<CryptographicException>(() => SecretProtection.Unprotect(plain));
        }
        else
        {
            Assert.Equal(plain, SecretProtection.Protect(plain));
        }
    }
}
