using System.Globalization;
using MusiVault.FakeDrive;

// Standalone: dotnet MusiVault.FakeDrive.dll [--port N]. Prints one JSON line with the URLs and a refresh token,
// then serves until stdin closes or Ctrl+C.
var port = 0;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
    {
        port = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
}
await using var server = await FakeDriveServer.StartAsync(port);
var refreshToken = server.IssueRefreshToken();
Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
{
    ["root"] = server.BaseUri.AbsoluteUri,
    ["auth"] = server.AuthorizationUrl.AbsoluteUri,
    ["token"] = server.TokenUrl.AbsoluteUri,
    ["clientId"] = server.ClientId,
    ["refreshToken"] = refreshToken,
}));
Console.Out.Flush();
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
_ = Task.Run(() => { Console.In.ReadToEnd(); stop.Cancel(); });
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
