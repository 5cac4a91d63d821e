using System.Net;
using System.Text.Json;
using MusiVault.Engine.Spotify.Json;

namespace MusiVault.Engine.Spotify;

/// <summary>
/// The write side (2026 Development Mode): create a playlist, add items to it, save to the library, and the contains
/// check. Writes share the reads' request slots, rate-limit gate and 429/401 handling. A non-idempotent write that
/// fails in a way that may have happened after Spotify applied it (timeout, dropped connection, 5xx) is never
/// repeated here: it ends as <c>SpotifyWriteUncertain</c> so the caller checks what Spotify has before trying again.
/// </summary>
internal sealed partial class SpotifyClient
{
    /// <summary>At most this many URIs per POST /playlists/{id}/items.</summary>
    public const int PlaylistAddLimit = 100;

    /// <summary>At most this many URIs per PUT /me/library and GET /me/library/contains.</summary>
    public const int LibraryLimit = 40;

    private sealed record WriteRequest(HttpMethod Method, byte[]? Json, bool Idempotent);

    /// <summary>Creates a playlist owned by the connected user (POST /me/playlists).</summary>
    public async Task<SpotifyPlaylist> CreatePlaylistAsync(string name, string? description, bool isPublic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var body = Json(w =>
        {
            w.WriteString("name", name);
            if (description is not null)
            {
                w.WriteString("description", description);
            }
            w.WriteBoolean("public", isPublic);
        });
        var outcome = await SendAsync(ApiUri("/me/playlists"), "POST /me/playlists", bytes => SpotifyMapper.Playlist(DecodeText(bytes)),
            authenticated: true, forbiddenIsResult: false, cancellationToken, new WriteRequest(HttpMethod.Post, body, Idempotent: false));
        return outcome.Value!;
    }

    /// <summary>Appends up to <see cref="PlaylistAddLimit"/> items (POST /playlists/{id}/items); returns the new snapshot id.</summary>
    public async Task<string?> AddPlaylistItemsAsync(string playlistId, IReadOnlyList<string> uris, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(playlistId);
        CheckBatch(uris, PlaylistAddLimit);
        var body = Json(w =>
        {
            w.WriteStartArray("uris");
            foreach (var uri in uris)
            {
                w.WriteStringValue(uri);
            }
            w.WriteEndArray();
        });
        var outcome = await SendAsync(ApiUri($"/playlists/{Escape(playlistId)}/items"), "POST /playlists/{id}/items", SnapshotOf,
            authenticated: true, forbiddenIsResult: false, cancellationToken, new WriteRequest(HttpMethod.Post, body, Idempotent: false));
        return outcome.Value;
    }

    /// <summary>Saves up to <see cref="LibraryLimit"/> URIs of any type (PUT /me/library). Saving twice is harmless, so retries are safe.</summary>
    public async Task SaveToLibraryAsync(IReadOnlyList<string> uris, CancellationToken cancellationToken = default)
    {
        CheckBatch(uris, LibraryLimit);
        await SendAsync(ApiUri("/me/library?uris=" + string.Join(',', uris.Select(Escape))), "PUT /me/library", _ => true,
            authenticated: true, forbiddenIsResult: false, cancellationToken, new WriteRequest(HttpMethod.Put, null, Idempotent: true));
    }

    /// <summary>Whether each URI (up to <see cref="LibraryLimit"/>, any type) is in the user's library, in order.</summary>
    public async Task<IReadOnlyList<bool>> LibraryContainsAsync(IReadOnlyList<string> uris, CancellationToken cancellationToken = default)
    {
        CheckBatch(uris, LibraryLimit);
        var result = await GetAsync("/me/library/contains?uris=" + string.Join(',', uris.Select(Escape)), "GET /me/library/contains",
            text => JsonSerializer.Deserialize(text, SpotifyWriteJson.Default.BooleanArray) ?? [], cancellationToken);
        if (result.Length != uris.Count)
        {
            throw new MusiVaultException("SpotifyInvalidResponse", ErrorKind.InvalidResult,
                $"Spotify answered {result.Length} values for {uris.Count} URIs to GET /me/library/contains.", "GET /me/library/contains");
        }
        return result;
    }

    public static MusiVaultException ScopeMissing(string? route) =>
        new("SpotifyScopeMissing", ErrorKind.PermissionDenied,
            "This Spotify connection may only read. Run Connect-Spotify -AllowModify (it asks for permission to change your " +
            "library and playlists), then run the restore again.", route);

    // Called after every attempt of a request: decides for writes what a plain read would retry.
    private static void WriteOutcome(WriteRequest? write, Attempt attempt, string route)
    {
        if (write is null)
        {
            return;
        }
        if (!write.Idempotent && (attempt.Failure is not null || (int)attempt.Status >= 500))
        {
            throw new MusiVaultException("SpotifyWriteUncertain", ErrorKind.OperationTimeout,
                $"Spotify did not confirm {route} (last: {attempt.Failure ?? $"{(int)attempt.Status} {attempt.Status}"}); it may have been applied.", route);
        }
        if (attempt.Status == HttpStatusCode.Forbidden &&
            (ApiErrorMessage(attempt.Body) ?? "").Contains("scope", StringComparison.OrdinalIgnoreCase))
        {
            throw ScopeMissing(route);
        }
    }

    private static void CheckBatch(IReadOnlyList<string> uris, int limit)
    {
        ArgumentNullException.ThrowIfNull(uris);
        if (uris.Count is 0 || uris.Count > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(uris), uris.Count, $"Between 1 and {limit} URIs per request.");
        }
    }

    private static string? SnapshotOf(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        // The write was applied (2xx): an unreadable body must not make the caller repeat it.
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("snapshot_id", out var snapshot) && snapshot.ValueKind == JsonValueKind.String
                ? snapshot.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(bool[]))]
internal sealed partial class SpotifyWriteJson : System.Text.Json.Serialization.JsonSerializerContext;
