using System.Net;
using System.Net.Sockets;
using MusiVault.Engine.OAuth;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Auth;

namespace MusiVault.Engine.Tests.Spotify;

public sealed class SpotifyAuthTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "mv-auth-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public void PkceChallengeMatchesRfc7636Example()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    [Fact]
    public void PkceVerifiersAreLongUnreservedAndFresh()
    {
        var a = Pkce.NewVerifier();
        Assert.InRange(a.Length, 43, 128);
        Assert.Matches("^[A-Za-z0-9._~-]+$", a);
        Assert.NotEqual(a, Pkce.NewVerifier());
        Assert.NotEqual(Pkce.NewState(), Pkce.NewState());
    }

    [Theory]
    [InlineData("-x", false)]
    [InlineData("../etc", false)]
    [InlineData("a/b", false)]
    [InlineData("work.2", true)]
    [InlineData("default", true)]
    public void ProfileNamesAreSafeFolderNames(string name, bool valid)
    {
        if (valid)
        {
            Assert.Equal(name, SpotifyProfileStore.NormalizeProfile(name));
        }
        else
        {
            var ex = Assert.Throws<MusiVaultException>(() => SpotifyProfileStore.NormalizeProfile(name));
            Assert.Equal("SpotifyInvalidProfileName", ex.ErrorId);
        }
        Assert.Equal("default", SpotifyProfileStore.NormalizeProfile(null));
    }

    [Fact]
    public void ClientIdComesFromParameterThenEnvironmentThenStore()
    {
        Assert.Equal("p", SpotifyLogin.ResolveClientId("p", "e", "s"));
        Assert.Equal("e", SpotifyLogin.ResolveClientId(null, "e", "s"));
        Assert.Equal("s", SpotifyLogin.ResolveClientId(" ", null, "s"));
        var ex = Assert.Throws<MusiVaultException>(() => SpotifyLogin.ResolveClientId(null, null, null));
        Assert.Equal("SpotifyClientIdRequired", ex.ErrorId);
    }

    [Fact]
    public void TokensAreStoredPrivatelyAndSeparatelyFromMetadata()
    {
        var store = new SpotifyProfileStore(_home);
        store.WriteTokens("p1", new StoredSpotifyTokens { RefreshToken = "refresh-secret-123", AccessToken = "access-secret-456" });
        store.WriteProfile(new StoredSpotifyProfile { Profile = "p1", ClientId = "cid", Scopes = ["a", "b"], RefreshTokenExpiresAt = DateTimeOffset.UtcNow.AddDays(100) });

        Assert.Equal("refresh-secret-123", store.ReadTokens("p1")!.RefreshToken);
        var metadata = File.ReadAllText(store.MetadataPath("p1"));
        Assert.DoesNotContain("secret", metadata, StringComparison.Ordinal);
        Assert.Contains("cid", metadata, StringComparison.Ordinal);
        Assert.Equal(["p1"], store.ListProfiles());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.SecretPath("p1")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.MetadataPath("p1")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(store.ProfileDirectory("p1")));
        }
        // No temp file left behind by the atomic writes.
        Assert.Equal(2, Directory.GetFiles(store.ProfileDirectory("p1"), "*", SearchOption.AllDirectories).Length);

        Assert.True(store.Delete("p1"));
        Assert.Null(store.ReadProfile("p1"));
        Assert.Null(store.ReadTokens("p1"));
        Assert.False(store.Delete("p1"));
    }

    [Fact]
    public void ConnectionWarnsWhenUnderFourteenDaysRemain()
    {
        var now = DateTimeOffset.UtcNow;
        var stored = new StoredSpotifyProfile { Profile = "x", RefreshTokenExpiresAt = now.AddDays(13) };
        Assert.True(SpotifyProfileStore.ToConnection(stored, now).RefreshTokenExpiresSoon);
        stored.RefreshTokenExpiresAt = now.AddDays(15);
        Assert.False(SpotifyProfileStore.ToConnection(stored, now).RefreshTokenExpiresSoon);
    }

    [Fact]
    public void StoredTokensNeverFormatTheirSecret()
    {
        var tokens = new StoredSpotifyTokens { RefreshToken = "refresh-secret", AccessToken = "access-secret" };
        Assert.DoesNotContain("secret", tokens.ToString(), StringComparison.Ordinal);
        var grant = new SpotifyTokenGrant { AccessToken = "access-secret", RefreshToken = "r-secret", AccessTokenExpiresAt = DateTimeOffset.UtcNow };
        Assert.DoesNotContain("secret", grant.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:8765/callback")]
    [InlineData("https://127.0.0.1:8765/callback")]
    [InlineData("http://192.168.1.2:8765/callback")]
    [InlineData("http://127.0.0.1/callback")]
    public void RedirectUriMustBeAnHttpLoopbackAddressWithAPort(string uri)
    {
        var ex = Assert.Throws<MusiVaultException>(() => LoopbackListener.LoopbackAddress(new Uri(uri), Client, allowDynamicPort: false));
        Assert.Equal("SpotifyInvalidRedirectUri", ex.ErrorId);
    }

    [Fact]
    public void ScrubRemovesWhatWeSent()
    {
        Assert.Equal("invalid_grant: token [redacted] revoked",
            SpotifyAccountsClient.Scrub("invalid_grant: token abcdef123 revoked", ["abcdef123"]));
    }

    [Fact]
    public async Task ListenerAnswersStrayRequestsWith404AndReturnsTheRedirect()
    {
        using var listener = LoopbackListener.Start(new Uri("http://127.0.0.1:0/callback"), Client);
        var port = listener.RedirectUri.Port;
        Assert.NotEqual(0, port);
        var waiting = listener.WaitAsync(TimeSpan.FromSeconds(30), _ => new CallbackAnswer(true, 200, "t", "done <ok>"), CancellationToken.None);

        using var http = new HttpClient();
        var stray = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/favicon.ico"));
        Assert.Equal(HttpStatusCode.NotFound, stray.StatusCode);
        Assert.False(waiting.IsCompleted);

        var page = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/callback?code=abc&state=xyz"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("done &lt;ok&gt;", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var url = await waiting;
        Assert.Equal("?code=abc&state=xyz", url.Query);
    }

    [Fact]
    public async Task ListenerTimesOutWithAClearError()
    {
        using var listener = LoopbackListener.Start(new Uri("http://127.0.0.1:0/cb"), Client);
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() =>
            listener.WaitAsync(TimeSpan.FromMilliseconds(50), _ => new CallbackAnswer(true, 200, "", ""), CancellationToken.None));
        Assert.Equal("SpotifyLoginTimeout", ex.ErrorId);
    }

    private static OAuthClient Client => SpotifyLogin.OAuthClient(new SpotifyClientOptions(), "client", SpotifyLogin.ReadScopes);

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
