using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.FakeSpotify;

/// <summary>A bare HTTP client for testing the fake's protocol (deliberately not the engine's Spotify client).</summary>
internal sealed class FakeSpotifyTestClient : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public FakeSpotifyTestClient(FakeSpotifyServer fake, string? accessToken = null)
    {
        Fake = fake;
        AccessToken = accessToken ?? fake.IssueAccessToken();
    }

    public FakeSpotifyServer Fake { get; }

    public string AccessToken { get; set; }

    public HttpClient Http => http;

    public async Task<HttpResponseMessage> Get(string pathOrUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Absolute(pathOrUrl));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string pathOrUrl, string? json = null)
    {
        using var request = new HttpRequestMessage(method, Absolute(pathOrUrl));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    public async Task<JsonElement> GetJson(string pathOrUrl)
    {
        using var response = await Get(pathOrUrl);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {pathOrUrl}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Follows next from the first page to the end; returns every item.</summary>
    public async Task<List<JsonElement>> GetAll(string path, string? wrapper = null)
    {
        var items = new List<JsonElement>();
        string? next = path;
        var pages = 0;
        while (next is not null)
        {
            var page = await GetJson(next);
            if (wrapper is not null)
            {
                page = page.GetProperty(wrapper);
            }

            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            Assert.True(++pages < 10_000, "paging does not end");
        }

        return items;
    }

    public async Task<HttpResponseMessage> Token(params (string Key, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)));
        return await http.PostAsync(Fake.AccountsBaseUrl + "/api/token", content);
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (verifier, challenge);
    }

    private string Absolute(string pathOrUrl) =>
        pathOrUrl.StartsWith("http", StringComparison.Ordinal) ? pathOrUrl : Fake.ApiBaseUrl + pathOrUrl;

    public void Dispose() => http.Dispose();
}
