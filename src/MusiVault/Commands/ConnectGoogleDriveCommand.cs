using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Drive;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommunications.Connect, "GoogleDrive", SupportsShouldProcess = true, DefaultParameterSetName = Interactive)]
[OutputType(typeof(GoogleDriveConnection))]
public sealed class ConnectGoogleDriveCommand : MusiVaultCmdlet
{
    private const string Interactive = "Interactive";
    private const string Import = "RefreshToken";

    /// <summary>The OAuth client id of a Google "Desktop app" client; default MUSIVAULT_GOOGLE_CLIENT_ID, then the profile's.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>The client secret of that client (Google issues one even to installed apps); never printed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClientSecret { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DriveProfileCompleter))]
    public string Profile { get; set; } = GoogleDriveConnections.DefaultProfile;

    [Parameter(ParameterSetName = Interactive)]
    public SwitchParameter NoBrowser { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = Import)]
    [ValidateNotNullOrEmpty]
    public string? RefreshToken { get; set; }

    [Parameter]
    public SwitchParameter AppDataFolder { get; set; }

    protected override void EndProcessing()
    {
        if (!ShouldProcess($"profile '{Profile}'", "Store a Google Drive authorisation"))
        {
            return;
        }
        using var pump = new EnginePump();
        var options = new GoogleConnectOptions
        {
            Profile = Profile,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            RefreshToken = RefreshToken,
            AppDataFolder = AppDataFolder,
        };
        var noBrowser = NoBrowser.IsPresent;
        var connection = Run(() => pump.Execute(token => GoogleDriveConnector.ConnectAsync(options, url =>
        {
            var opened = !noBrowser && GoogleDriveConnector.TryOpenBrowser(url);
            pump.Post(() => Host.UI.WriteLine(opened
                ? $"A browser window asks you to allow MusiVault. If none opened, visit:{Environment.NewLine}{url.AbsoluteUri}"
                : $"Open this address in a browser on this computer and allow MusiVault:{Environment.NewLine}{url.AbsoluteUri}"));
            return Task.CompletedTask;
        }, token), CancellationToken));
        WriteVerbose($"Connected profile '{connection.Profile}' with scope {connection.Scope}.");
        WriteObject(connection);
    }
}
