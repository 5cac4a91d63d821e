using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Auth;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "SpotifyConnection")]
[OutputType(typeof(SpotifyConnection))]
public sealed class GetSpotifyConnectionCommand : MusiVaultCmdlet
{
    /// <summary>The profile; all stored profiles when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string? Profile { get; set; }

    /// <summary>Calls Spotify's /me (refreshing the access token when needed) to prove the connection works.</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    protected override void ProcessRecord()
    {
        var store = SpotifyProfileStore.Default;
        IReadOnlyList<string> profiles;
        if (Profile is null)
        {
            profiles = Run(store.ListProfiles);
            if (profiles.Count == 0)
            {
                WriteError(new ErrorRecord(new InvalidOperationException("There is no Spotify connection. Run Connect-Spotify first."),
                    "SpotifyNotConnected", ErrorCategory.ObjectNotFound, SpotifyProfileStore.DefaultProfile));
                return;
            }
        }
        else
        {
            profiles = [Run(() => SpotifyProfileStore.NormalizeProfile(Profile))];
        }

        foreach (var profile in profiles)
        {
            var stored = Run(() => store.ReadConnection(profile));
            if (stored is null)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                        $"There is no Spotify connection for profile '{profile}'. Run Connect-Spotify -Profile {profile} first."),
                    "SpotifyNotConnected", ErrorCategory.ObjectNotFound, profile));
                continue;
            }
            SpotifyConnection connection;
            if (Verify)
            {
                WriteVerbose($"Verifying profile '{profile}' with GET /me.");
                connection = Run(() =>
                {
                    using var session = SpotifySession.OpenAsync(profile, null, store, SpotifyClientOptions.FromEnvironment(), CancellationToken)
                        .GetAwaiter().GetResult();
                    var verified = session.VerifyAsync(CancellationToken).GetAwaiter().GetResult();
                    WriteVerbose($"Spotify: {session.GetRequestStats()}");
                    return verified;
                });
            }
            else
            {
                connection = stored;
            }
            if (connection.RefreshTokenExpiresSoon)
            {
                WriteWarning($"The Spotify login of profile '{profile}' expires on {connection.RefreshTokenExpiresAt:yyyy-MM-dd}. Run Connect-Spotify{(profile == SpotifyProfileStore.DefaultProfile ? "" : " -Profile " + profile)} again before then.");
            }
            WriteObject(connection);
        }
    }
}
