using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Auth;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Spotify;

/// <summary>Sessions: token refresh and rotation, invalid_grant, two processes on one profile, the PKCE login.</summary>
public sealed partial class SpotifyClientProtocolTests
{
    private async Task<(SpotifySession Session, SpotifyProfileStore Store, string Home)> ConnectAsync(
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        var home = Path.Combine(Path.GetTempPath(), "mv-session-" + Guid.NewGuid().ToString("N"));
        var store = new SpotifyProfileStore(home);
        var options = Options(delay: delay);
        var connection = await SpotifyLogin.ImportRefreshTokenAsync("p", _fake.ClientId, _fake.IssueRefreshToken(), options, store, CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(connection.UserId));
        var session = await SpotifySession.OpenAsync("p", _fake.ClientId, store, options, CancellationToken.None);
        return (session, store, home);
    }

    [Fact]
    public async Task ExpiredAccessTokenIsRefreshedOnceAndTheRotatedTokenStoredFirst()
    {
        var (session, store, home) = await ConnectAsync();
        try
        {
            using (session)
            {
                var before = store.ReadTokens("p")!;
                await session.Client.GetCurrentUserAsync();
                _fake.Faults.ExpireAccessTokens();
                var tokenCalls = _fake.Requests.Count("POST /api/token");

                // Four callers meet the 401 together: one refresh between them.
                await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => session.Client.GetCurrentUserAsync())));
                Assert.Equal(tokenCalls + 1, _fake.Requests.Count("POST /api/token"));

                var after = store.ReadTokens("p")!;
                Assert.NotEqual(before.AccessToken, after.AccessToken);
                Assert.NotEqual(before.RefreshToken, after.RefreshToken);
                Assert.Equal(after.AccessToken, await session.GetAccessTokenAsync(CancellationToken.None));
                Assert.InRange(session.Client.GetStats().TokenRefreshes, 1, 4);
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task RevokedRefreshTokenTellsTheUserToConnectAgain()
    {
        var (session, store, home) = await ConnectAsync();
        try
        {
            using (session)
            {
                var refresh = store.ReadTokens("p")!.RefreshToken;
                _fake.Faults.RevokeRefreshTokens();
                _fake.Faults.ExpireAccessTokens();
                var ex = await Assert.ThrowsAsync<MusiVaultException>(() => session.Client.GetCurrentUserAsync());
                Assert.Equal("SpotifyReauthenticationRequired", ex.ErrorId);
                Assert.Equal(ErrorKind.AuthenticationError, ex.Category);
                Assert.Contains("Connect-Spotify", ex.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(refresh, ex.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task TwoProcessesOnOneProfileShareTheRotatedToken()
    {
        var (first, store, home) = await ConnectAsync();
        try
        {
            // A second session on the same files stands for a second pwsh.
            using var second = await SpotifySession.OpenAsync("p", _fake.ClientId, store, Options(), CancellationToken.None);
            using (first)
            {
                _fake.Faults.ExpireAccessTokens();
                await first.Client.GetCurrentUserAsync();
                var tokenCalls = _fake.Requests.Count("POST /api/token");
                // The second still holds the retired refresh token; it must pick up the stored one, not fail.
                await second.Client.GetCurrentUserAsync();
                Assert.Equal(tokenCalls, _fake.Requests.Count("POST /api/token"));
                Assert.Equal(store.ReadTokens("p")!.AccessToken, await second.GetAccessTokenAsync(CancellationToken.None));
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task UsedRefreshTokenIsRefusedAfterRotation()
    {
        var home = Path.Combine(Path.GetTempPath(), "mv-session-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new SpotifyProfileStore(home);
            var original = _fake.IssueRefreshToken();
            await SpotifyLogin.ImportRefreshTokenAsync("a", _fake.ClientId, original, Options(), store, CancellationToken.None);
            var ex = await Assert.ThrowsAsync<MusiVaultException>(() =>
                SpotifyLogin.ImportRefreshTokenAsync("b", _fake.ClientId, original, Options(), store, CancellationToken.None));
            Assert.Equal("SpotifyRefreshTokenRefused", ex.ErrorId);
            Assert.DoesNotContain(original, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task PkceLoginThroughTheListener()
    {
        var home = Path.Combine(Path.GetTempPath(), "mv-login-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new SpotifyProfileStore(home);
            var redirect = new Uri($"http://127.0.0.1:{SpotifyAuthTests.FreePort()}/callback");
            var attempt = SpotifyLogin.Begin("default", _fake.ClientId, redirect, allowModify: true, Options(), store);
            Assert.Contains("code_challenge_method=S256", attempt.AuthorizeUrl.Query, StringComparison.Ordinal);
            Assert.Contains("playlist-modify-private", Uri.UnescapeDataString(attempt.AuthorizeUrl.Query), StringComparison.Ordinal);
            var login = attempt.CompleteWithListenerAsync(TimeSpan.FromSeconds(30), openBrowser: false, CancellationToken.None);

            // The "browser": follow the authorize redirect by hand to the loopback listener.
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            var authorize = await browser.GetAsync(attempt.AuthorizeUrl);
            Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
            var page = await browser.GetAsync(authorize.Headers.Location!);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);

            var connection = await login;
            Assert.Equal("default", connection.Profile);
            Assert.False(string.IsNullOrEmpty(connection.UserId));
            Assert.Contains("user-library-read", connection.Scopes);
            Assert.NotNull(store.ReadTokens("default"));
            Assert.InRange(connection.RefreshTokenExpiresAt - connection.ConnectedAt, TimeSpan.FromDays(180), TimeSpan.FromDays(184));
        }
        finally
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    [Fact]
    public async Task PastedRedirectWithAnotherStateIsRefused()
    {
        var store = new SpotifyProfileStore(Path.Combine(Path.GetTempPath(), "mv-login-" + Guid.NewGuid().ToString("N")));
        var redirect = new Uri("http://127.0.0.1:8765/callback");
        var attempt = SpotifyLogin.Begin("default", _fake.ClientId, redirect, allowModify: false, Options(), store);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var location = (await browser.GetAsync(attempt.AuthorizeUrl)).Headers.Location!.AbsoluteUri;
        var forged = System.Text.RegularExpressions.Regex.Replace(location, "state=[^&]+", "state=forged");
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => attempt.CompleteFromRedirectUrlAsync(forged, CancellationToken.None));
        Assert.Equal("SpotifyLoginStateMismatch", ex.ErrorId);

        var connection = await attempt.CompleteFromRedirectUrlAsync(location, CancellationToken.None);
        Assert.True(ReadScopesOnly(connection.Scopes));
        Directory.Delete(store.Home, recursive: true);
    }

    private static bool ReadScopesOnly(IEnumerable<string> scopes) => !scopes.Any(s => s.Contains("modify", StringComparison.Ordinal));
}
