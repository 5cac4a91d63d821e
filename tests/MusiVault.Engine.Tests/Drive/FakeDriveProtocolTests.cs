using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MusiVault.FakeDrive;

namespace MusiVault.Engine.Tests.Drive;

/// <summary>The fake must hold clients to Drive's rules, or the engine tests would prove less than they claim.</summary>
public sealed class FakeDriveProtocolTests : IAsyncLifetime
{
    private FakeDriveServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeDriveServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.BaseUri };
        var token = await _http.PostAsync("token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = _server.IssueRefreshToken(),
            ["client_id"] = _server.ClientId,
        }));
        var json = System.Text.Json.JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<Uri> StartSessionAsync(long length)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "upload/drive/v3/files?uploadType=resumable")
        {
            Content = new StringContent("{\"name\":\"x.bin\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Upload-Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Location!;
    }

    private async Task<HttpResponseMessage> PutAsync(Uri session, byte[] body, string contentRange)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        return await _http.PutAsync(session, content);
    }

    [Fact]
    public async Task A_non_final_chunk_that_is_not_a_multiple_of_256_KiB_is_rejected()
    {
        var session = await StartSessionAsync(2000);
        using var response = await PutAsync(session, new byte[1000], "bytes 0-999/2000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_session_reports_what_it_has_with_308_and_Range_then_completes_with_the_file()
    {
        var size = FakeDriveServer.ChunkGranularity + 10;
        var session = await StartSessionAsync(size);
        using (var first = await PutAsync(session, new byte[FakeDriveServer.ChunkGranularity], $"bytes 0-{FakeDriveServer.ChunkGranularity - 1}/{size}"))
        {
            Assert.Equal(308, (int)first.StatusCode);
            Assert.Equal($"bytes=0-{FakeDriveServer.ChunkGranularity - 1}", first.Headers.GetValues("Range").Single());
        }
        using (var status = await PutAsync(session, [], $"bytes */{size}"))
        {
            Assert.Equal(308, (int)status.StatusCode);
        }
        Assert.Equal(1, _server.StatusQueries);
        using var last = await PutAsync(session, new byte[10], $"bytes {FakeDriveServer.ChunkGranularity}-{size - 1}/{size}");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        var file = System.Text.Json.JsonDocument.Parse(await last.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), file.GetProperty("size").GetString());
        Assert.Matches("^[0-9a-f]{32}$", file.GetProperty("md5Checksum").GetString());
    }

    [Fact]
    public async Task Unknown_query_clauses_and_missing_tokens_are_refused_like_Drive_does()
    {
        using var bad = await _http.GetAsync("drive/v3/files?q=" + Uri.EscapeDataString("fullText contains 'x'"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = _server.BaseUri };
        using var unauthorised = await anonymous.GetAsync("drive/v3/files");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
    }
}
