using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Auth;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommunications.Connect, "Spotify", DefaultParameterSetName = BrowserSet)]
[OutputType(typeof(SpotifyConnection))]
public sealed class ConnectSpotifyCommand : MusiVaultCmdlet
{
    private const string BrowserSet = "Browser";
    private const string RefreshTokenSet = "RefreshToken";
    private static readonly TimeSpan ListenerTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The client id of your Spotify app; else MUSIVAULT_SPOTIFY_CLIENT_ID; else the profile's stored one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string Profile { get; set; } = SpotifyProfileStore.DefaultProfile;

    [Parameter(ParameterSetName = BrowserSet)]
    [ValidateNotNullOrEmpty]
    public string RedirectUri { get; set; } = SpotifyLogin.DefaultRedirectUri;

    [Parameter(ParameterSetName = BrowserSet)]
    public SwitchParameter NoBrowser { get; set; }

    [Parameter(ParameterSetName = BrowserSet)]
    public SwitchParameter AllowModify { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
    [ValidateNotNullOrEmpty]
    public string RefreshToken { get; set; } = "";

    protected override void EndProcessing()
    {
        var store = SpotifyProfileStore.Default;
        var profile = Run(() => SpotifyProfileStore.NormalizeProfile(Profile));
        var options = Run(SpotifyClientOptions.FromEnvironment);
        var clientId = Run(() => SpotifyLogin.ResolveClientId(ClientId, store.ReadConnection(profile)?.ClientId));

        SpotifyConnection connection;
        if (ParameterSetName == RefreshTokenSet)
        {
            WriteVerbose($"Redeeming the given refresh token at {options.AccountsBaseUrl} for profile '{profile}'.");
            if (!TryRun(() => SpotifyLogin.ImportRefreshTokenAsync(profile, clientId, RefreshToken, options, store, CancellationToken)
                .GetAwaiter().GetResult(), out var imported))
            {
                return;
            }
            connection = imported;
        }
        else
        {
            if (!Uri.TryCreate(RedirectUri, UriKind.Absolute, out var redirectUri))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{RedirectUri}' is not an absolute URL."),
                    "SpotifyInvalidRedirectUri", ErrorCategory.InvalidArgument, RedirectUri));
                return;
            }
            using var attempt = Run(() => SpotifyLogin.Begin(profile, clientId, redirectUri, AllowModify, options, store));
            WriteVerbose($"Requesting scopes: {string.Join(' ', attempt.Scopes)}.");
            if (NoBrowser)
            {
                Tell("Open this address in a browser, log in to Spotify and agree:");
                Tell(attempt.AuthorizeUrl.AbsoluteUri);
                Tell($"The browser then goes to {redirectUri.GetLeftPart(UriPartial.Path)}?code=... (the page may fail to load). " +
                     "Copy that whole address from the address bar and paste it here:");
                var pasted = Host.UI.ReadLine();
                connection = Run(() => attempt.CompleteFromRedirectUrlAsync(pasted, CancellationToken).GetAwaiter().GetResult());
            }
            else
            {
                Tell("Opening your browser to log in to Spotify. If it does not open, visit:");
                Tell(attempt.AuthorizeUrl.AbsoluteUri);
                WriteVerbose($"Waiting up to {ListenerTimeout.TotalMinutes:0} minutes for the redirect on {redirectUri.GetLeftPart(UriPartial.Path)}.");
                connection = Run(() => attempt.CompleteWithListenerAsync(ListenerTimeout, openBrowser: true, CancellationToken)
                    .GetAwaiter().GetResult());
            }
        }

        WriteVerbose($"Connected profile '{connection.Profile}' as {connection.UserId}; the login lasts until {connection.RefreshTokenExpiresAt:yyyy-MM-dd}.");
        if (connection.RefreshTokenExpiresSoon)
        {
            WriteWarning($"The Spotify login of profile '{connection.Profile}' expires on {connection.RefreshTokenExpiresAt:yyyy-MM-dd}. Run Connect-Spotify again before then.");
        }
        WriteObject(connection);
    }

    /// <summary>Shown to the person (like Write-Host), never on the output stream.</summary>
    private void Tell(string message) =>
        WriteInformation(new HostInformationMessage { Message = message, NoNewLine = false }, ["PSHOST"]);
}
