using System.Net;
using System.Net.Sockets;
using System.Web;
using MusiVault.Engine.OAuth;

namespace MusiVault.Engine.Tests.OAuth;

/// <summary>The login listener as any local process could reach it: idle connections, forged redirects, stray paths.</summary>
public sealed class LoopbackLoginTests
{
    private static readonly OAuthClient Client = new("Test", "Test", "Connect-Test", new Uri("http://127.0.0.1:9/authorize"), "client", "scope-a");

    private static string StateOf(AuthorizationCodeFlow flow) => HttpUtility.ParseQueryString(flow.AuthorizeUrl.Query)["state"]!;

    private static Uri Redirect(AuthorizationCodeFlow flow, string state, string code) =>
        new($"{flow.RedirectUri.GetLeftPart(UriPartial.Path)}?code={code}&state={Uri.EscapeDataString(state)}");

    [Fact]
    public async Task An_idle_connection_held_open_does_not_hold_up_the_redirect()
    {
        using var flow = AuthorizationCodeFlow.BeginListening(Client, new Uri("http://127.0.0.1:0/callback"));
        using var idle = new TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, flow.RedirectUri.Port);
        // Half a request head, then nothing: what a stalled client or a browser's preconnect looks like.
        await idle.GetStream().WriteAsync("GET /callback HTTP/1.1\r\n"u8.ToArray());
        // Shorter than the per-connection read timeout: serving connections one by one could not finish in time.
        var waiting = flow.WaitForCodeAsync(TimeSpan.FromSeconds(8), openBrowser: false, CancellationToken.None);

        using var http = new HttpClient();
        using var page = await http.GetAsync(Redirect(flow, StateOf(flow), "the-code"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("the-code", await waiting);
    }

    [Fact]
    public async Task A_redirect_with_a_wrong_state_is_refused_and_the_real_one_still_completes_the_login()
    {
        using var flow = AuthorizationCodeFlow.BeginListening(Client, new Uri("http://127.0.0.1:0/callback"));
        var waiting = flow.WaitForCodeAsync(TimeSpan.FromSeconds(60), openBrowser: false, CancellationToken.None);
        using var http = new HttpClient();

        using (var forged = await http.GetAsync(Redirect(flow, "forged", "evil-code")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        using (var noState = await http.GetAsync(new Uri(flow.RedirectUri, "?error=access_denied")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noState.StatusCode);
        }
        using (var stray = await http.GetAsync(new Uri(flow.RedirectUri, "/favicon.ico")))
        {
            Assert.Equal(HttpStatusCode.NotFound, stray.StatusCode);
        }
        Assert.False(waiting.IsCompleted);

        using var page = await http.GetAsync(Redirect(flow, StateOf(flow), "the-code"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("the-code", await waiting);
    }

    [Fact]
    public async Task A_denial_with_the_right_state_ends_the_login_with_a_clear_error()
    {
        using var flow = AuthorizationCodeFlow.BeginListening(Client, new Uri("http://127.0.0.1:0/callback"));
        var waiting = flow.WaitForCodeAsync(TimeSpan.FromSeconds(60), openBrowser: false, CancellationToken.None);
        using var http = new HttpClient();
        using var page = await http.GetAsync(new Uri($"{flow.RedirectUri}?error=access_denied&state={StateOf(flow)}"));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => waiting);
        Assert.Equal("TestLoginDenied", ex.ErrorId);
    }

    [Fact]
    public void Port_zero_binds_a_free_port_and_the_authorize_url_names_it()
    {
        using var flow = AuthorizationCodeFlow.BeginListening(Client, new Uri("http://127.0.0.1:0/"));
        Assert.NotEqual(0, flow.RedirectUri.Port);
        var query = HttpUtility.ParseQueryString(flow.AuthorizeUrl.Query);
        Assert.Equal(flow.RedirectUri.OriginalString, query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(Pkce.Challenge(flow.CodeVerifier), query["code_challenge"]);
        // Bound, not probed and released: a second listener on that port is refused.
        var ex = Assert.Throws<MusiVaultException>(() => LoopbackListener.Start(flow.RedirectUri, Client));
        Assert.Equal("TestRedirectPortBusy", ex.ErrorId);
    }

    [Fact]
    public void A_pasted_address_with_another_state_is_refused()
    {
        using var flow = AuthorizationCodeFlow.Begin(Client, new Uri("http://127.0.0.1:8765/callback"));
        var ex = Assert.Throws<MusiVaultException>(() => flow.ReadPastedCode(Redirect(flow, "forged", "c").AbsoluteUri));
        Assert.Equal("TestLoginStateMismatch", ex.ErrorId);
        Assert.Equal("c", flow.ReadPastedCode(Redirect(flow, StateOf(flow), "c").AbsoluteUri));
    }
}
