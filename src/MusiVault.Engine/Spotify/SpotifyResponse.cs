using System.Text.Json;

namespace MusiVault.Engine.Spotify;

/// <summary>How the client tells a body cut off in transfer (retried like a network error) from a body that is complete but wrong.</summary>
internal static class SpotifyResponse
{
    /// <summary>The largest body the client reads: a page of 50 entities at the 1 MB entity bound, with room to spare.</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    /// <summary>True when the bytes are valid JSON so far but end inside the document (a transfer that stopped early).</summary>
    public static bool IsCutOff(byte[] body)
    {
        if (body.Length == 0)
        {
            return true;
        }
        var reader = new Utf8JsonReader(body, isFinalBlock: false, state: default);
        try
        {
            var started = false;
            while (reader.Read())
            {
                started = true;
            }
            return !started || reader.CurrentDepth > 0 || reader.BytesConsumed < body.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The body, refused (not retried) when it is larger than any real answer: memory stays bounded.</summary>
    public static async Task<byte[]> ReadBoundedAsync(HttpContent content, string route, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            throw TooLarge(route);
        }
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw TooLarge(route);
                }
                await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
            return buffer.ToArray();
        }
    }

    private static MusiVaultException TooLarge(string route) =>
        new("SpotifyResponseInvalid", ErrorKind.InvalidResult,
            $"Spotify's answer to {route} is larger than {MaxBodyBytes / (1024 * 1024)} MB, which no real answer is; it was not read.", route);

    public static string Describe(Exception ex) => ex switch
    {
        Json.SpotifyShapeException shape => shape.Message,
        JsonException => "not JSON of the documented shape",
        _ => "not UTF-8 text",
    };
}
