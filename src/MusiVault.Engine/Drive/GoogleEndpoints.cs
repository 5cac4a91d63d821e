namespace MusiVault.Engine.Drive;

/// <summary>Google's endpoints; each can be pointed elsewhere (a fake, a proxy) through an environment variable.</summary>
internal sealed record GoogleEndpoints(Uri AuthorizationUrl, Uri TokenUrl, Uri DriveApiRoot)
{
    public const string AuthUrlVariable = "MUSIVAULT_GOOGLE_AUTH_URL";
    public const string TokenUrlVariable = "MUSIVAULT_GOOGLE_TOKEN_URL";
    public const string DriveApiVariable = "MUSIVAULT_DRIVE_API_URL";

    public static GoogleEndpoints FromEnvironment() => Resolve(Environment.GetEnvironmentVariable);

    public static GoogleEndpoints Resolve(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return new(
            Url(getVariable(AuthUrlVariable), "https://accounts.google.com/o/oauth2/v2/auth", AuthUrlVariable),
            Url(getVariable(TokenUrlVariable), "https://oauth2.googleapis.com/token", TokenUrlVariable),
            Url(getVariable(DriveApiVariable), "https://www.googleapis.com/", DriveApiVariable));
    }

    private static Uri Url(string? value, string fallback, string variable)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(fallback);
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new MusiVaultException("InvalidGoogleEndpoint", ErrorKind.InvalidArgument,
                $"{variable} must be an absolute http(s) URL, not '{value}'.", variable);
        }
        return uri;
    }
}
