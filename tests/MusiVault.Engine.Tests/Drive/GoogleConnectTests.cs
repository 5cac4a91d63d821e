using MusiVault.Engine.Drive;
using MusiVault.FakeDrive;

namespace MusiVault.Engine.Tests.Drive;

public sealed class GoogleConnectTests : IAsyncLifetime
{
    private FakeDriveServer _server = null!;
    private readonly string _home = Directory.CreateTempSubdirectory("mv-google-").FullName;

    public async Task InitializeAsync() => _server = await FakeDriveServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    private GoogleEndpoints Endpoints => new(_server.AuthorizationUrl, _server.TokenUrl, _server.BaseUri);

    [Fact]
    public async Task The_browser_flow_uses_pkce_and_a_loopback_redirect_and_stores_the_token_privately()
    {
        _server.ClientSecret = "installed-app-secret";
        Uri? seen = null;
        Task<HttpResponseMessage>? browser = null;
        using var http = new HttpClient();
        var connection = await GoogleDriveConnector.ConnectAsync(new GoogleConnectOptions
        {
            Home = _home,
            Endpoints = Endpoints,
            ClientId = _server.ClientId,
            ClientSecret = "installed-app-secret",
            Profile = "work",
        }, url =>
        {
            seen = url;
            // The "browser": follows the fake's consent redirect to our loopback listener.
            browser = http.GetAsync(url);
            return Task.CompletedTask;
        }, CancellationToken.None);
        var page = await browser!;

        Assert.True(page.IsSuccessStatusCode);
        Assert.Contains("code_challenge_method=S256", seen!.Query);
        Assert.Contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A", seen.Query);
        Assert.Contains(Uri.EscapeDataString(GoogleProfile.ScopeDriveFile), seen.Query);
        Assert.Equal("work", connection.Profile);
        Assert.False(connection.AppDataFolder);

        var dir = Path.Combine(_home, "profiles", "work");
        var meta = await File.ReadAllTextAsync(Path.Combine(dir, "google.json"));
        Assert.DoesNotContain("installed-app-secret", meta);
        Assert.DoesNotContain("1//", meta);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "google.token")));
        }
        var stored = GoogleProfile.Load("work", _home)!;
        Assert.StartsWith("1//", stored.RefreshToken);
        Assert.Equal("installed-app-secret", stored.ClientSecret);
    }

    [Fact]
    public async Task A_refresh_token_is_imported_without_a_browser_and_a_bad_one_stores_nothing()
    {
        var options = new GoogleConnectOptions { Home = _home, Endpoints = Endpoints, ClientId = _server.ClientId, AppDataFolder = true };
        options.RefreshToken = "1//not-issued";
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => GoogleDriveConnector.ConnectAsync(options, _ => throw new InvalidOperationException(), CancellationToken.None));
        Assert.Equal("GoogleTokenRevoked", ex.ErrorId);
        Assert.DoesNotContain("1//not-issued", ex.Message);
        Assert.Null(GoogleProfile.Load(GoogleProfile.DefaultProfile, _home));

        options.RefreshToken = _server.IssueRefreshToken(GoogleProfile.ScopeAppData);
        var connection = await GoogleDriveConnector.ConnectAsync(options, _ => throw new InvalidOperationException(), CancellationToken.None);
        Assert.True(connection.AppDataFolder);
        Assert.Equal(GoogleProfile.ScopeAppData, connection.Scope);
    }

    [Fact]
    public async Task Without_a_client_id_anywhere_connecting_is_a_clear_error()
    {
        var saved = Environment.GetEnvironmentVariable(GoogleDriveConnector.ClientIdVariable);
        Environment.SetEnvironmentVariable(GoogleDriveConnector.ClientIdVariable, null);
        try
        {
            var ex = await Assert.ThrowsAsync<MusiVaultException>(() => GoogleDriveConnector.ConnectAsync(
                new GoogleConnectOptions { Home = _home, Endpoints = Endpoints, RefreshToken = "x" }, _ => Task.CompletedTask, CancellationToken.None));
            Assert.Equal("GoogleClientIdMissing", ex.ErrorId);
        }
        finally
        {
            Environment.SetEnvironmentVariable(GoogleDriveConnector.ClientIdVariable, saved);
        }
    }

    [Fact]
    public void Endpoints_come_from_the_environment_with_google_defaults()
    {
        var defaults = GoogleEndpoints.Resolve(_ => null);
        Assert.Equal("https://www.googleapis.com/", defaults.DriveApiRoot.AbsoluteUri);
        Assert.Equal("https://oauth2.googleapis.com/token", defaults.TokenUrl.AbsoluteUri);
        var custom = GoogleEndpoints.Resolve(name => name == GoogleEndpoints.DriveApiVariable ? "http://127.0.0.1:9/" : null);
        Assert.Equal("http://127.0.0.1:9/", custom.DriveApiRoot.AbsoluteUri);
        Assert.Throws<MusiVaultException>(() => GoogleEndpoints.Resolve(_ => "not a url"));
    }
}
