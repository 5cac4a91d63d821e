using System.Net;
using System.Net.Http.Headers;
using Google.Apis.Http;

namespace MusiVault.Engine.Drive;

/// <summary>
/// Puts a bearer token on every Drive request, refreshing it from the stored refresh token when it is missing,
/// about to expire, or rejected with 401. When Google rotates the refresh token, the profile is saved again.
/// </summary>
internal sealed class DriveAuthenticator(GoogleOAuth oauth, GoogleProfile profile, Action<GoogleProfile>? saveProfile)
    : IConfigurableHttpClientInitializer, IHttpExecuteInterceptor, IHttpUnsuccessfulResponseHandler, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt;

    public void Initialize(ConfigurableHttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        httpClient.MessageHandler.AddExecuteInterceptor(this);
        httpClient.MessageHandler.AddUnsuccessfulResponseHandler(this);
    }

    public async Task InterceptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await GetAccessTokenAsync(forceRefresh: false, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<bool> HandleResponseAsync(HandleUnsuccessfulResponseArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Response.StatusCode != HttpStatusCode.Unauthorized || !args.SupportsRetry)
        {
            return false;
        }
        await GetAccessTokenAsync(forceRefresh: true, args.CancellationToken);
        return true;
    }

    internal async Task<string> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!forceRefresh && _accessToken is not null && _expiresAt > DateTimeOffset.UtcNow.AddMinutes(1))
            {
                return _accessToken;
            }
            var result = await oauth.RefreshAsync(profile.ClientId, profile.ClientSecret, profile.RefreshToken, cancellationToken);
            _accessToken = result.AccessToken;
            _expiresAt = result.ExpiresAt;
            if (!string.IsNullOrEmpty(result.RefreshToken) && result.RefreshToken != profile.RefreshToken)
            {
                profile.RefreshToken = result.RefreshToken;
                saveProfile?.Invoke(profile);
            }
            return _accessToken;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
