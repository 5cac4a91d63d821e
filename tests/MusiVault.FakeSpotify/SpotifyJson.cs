using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusiVault.FakeSpotify;

/// <summary>
/// Writes the Web API's JSON objects. 2026 Development-Mode shapes by default (no popularity, available_markets,
/// followers or genres; playlists carry items/item); the legacy shapes with <see cref="Legacy"/>.
/// </summary>
internal sealed partial class SpotifyJson(string root, bool legacy, bool market, bool imagesOnFake)
{
    /// <summary>
    /// Entity hrefs use Spotify's own host, as in real responses: stored JSON then does not depend on the fake's random
    /// port (two fakes with one seed give identical entities). Only paging links, which clients follow, point at the fake.
    /// </summary>
    public const string CanonicalApi = "https://api.spotify.com/v1";

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        // Spotify sends raw UTF-8 (no \u escapes for non-ASCII); stay close to that.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Root { get; } = root;
    public string Api => CanonicalApi;

    /// <summary>Base of followable paging links (next/previous/href of paging objects).</summary>
    public string PageApi { get; } = root + "/v1";
    public bool Legacy { get; } = legacy;

    /// <summary>A market was passed: is_playable is reported for every track (otherwise only for unavailable ones).</summary>
    public bool Market { get; } = market;

    public string ImageUrl(FakeImage image) =>
        imagesOnFake ? $"{Root}/_img/{image.Key}.jpg" : "https://i.scdn.co/image/" + image.CdnId;

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string TimestampMs(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public void ExternalUrls(Utf8JsonWriter w, string? kind, string? id)
    {
        w.WriteStartObject("external_urls");
        if (kind is not null && id is not null)
        {
            w.WriteString("spotify", $"https://open.spotify.com/{kind}/{id}");
        }

        w.WriteEndObject();
    }

    public void Images(Utf8JsonWriter w, IEnumerable<FakeImage> images, string name = "images")
    {
        w.WriteStartArray(name);
        foreach (var image in images)
        {
            Image(w, image);
        }

        w.WriteEndArray();
    }

    public void Image(Utf8JsonWriter w, FakeImage image)
    {
        w.WriteStartObject();
        w.WriteString("url", ImageUrl(image));
        WriteNullableInt(w, "height", image.Height);
        WriteNullableInt(w, "width", image.Width);
        w.WriteEndObject();
    }

    private static void WriteNullableInt(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private void Markets(Utf8JsonWriter w)
    {
        if (Legacy)
        {
            w.WriteStartArray("available_markets");
            w.WriteStringValue("SE");
            w.WriteStringValue("US");
            w.WriteStringValue("JP");
            w.WriteEndArray();
        }
    }

    public void PrivateUser(Utf8JsonWriter w, FakeLibrary lib)
    {
        var me = lib.Me;
        w.WriteStartObject();
        if (Legacy)
        {
            w.WriteString("country", lib.Country);
        }

        w.WriteString("display_name", me.DisplayName);
        if (Legacy)
        {
            w.WriteString("email", lib.Email);
            w.WriteStartObject("explicit_content");
            w.WriteBoolean("filter_enabled", false);
            w.WriteBoolean("filter_locked", false);
            w.WriteEndObject();
        }

        ExternalUrls(w, "user", me.Id);
        if (Legacy)
        {
            Followers(w, me.Followers);
        }

        w.WriteString("href", $"{Api}/users/{me.Id}");
        w.WriteString("id", me.Id);
        Images(w, me.Images);
        if (Legacy)
        {
            w.WriteString("product", lib.Product);
        }

        w.WriteString("type", "user");
        w.WriteString("uri", me.Uri);
        w.WriteEndObject();
    }

    private static void Followers(Utf8JsonWriter w, int total)
    {
        w.WriteStartObject("followers");
        w.WriteNull("href");
        w.WriteNumber("total", total);
        w.WriteEndObject();
    }

    /// <summary>PlaylistUserObject / PlaylistOwnerObject.</summary>
    public void PlaylistUser(Utf8JsonWriter w, string? name, FakeUser? user, bool withDisplayName)
    {
        if (user is null)
        {
            if (name is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteNull(name);
            }

            return;
        }

        Start(w, name);
        if (withDisplayName)
        {
            w.WriteString("display_name", user.DisplayName);
        }

        w.WriteStartObject("external_urls");
        w.WriteString("spotify", $"https://open.spotify.com/user/{user.Id}");
        w.WriteEndObject();
        w.WriteString("href", $"{Api}/users/{user.Id}");
        w.WriteString("id", user.Id);
        w.WriteString("type", "user");
        w.WriteString("uri", user.Uri);
        w.WriteEndObject();
    }

    public void SimplifiedArtist(Utf8JsonWriter w, FakeArtist a)
    {
        w.WriteStartObject();
        ExternalUrls(w, "artist", a.Id);
        w.WriteString("href", $"{Api}/artists/{a.Id}");
        w.WriteString("id", a.Id);
        w.WriteString("name", a.Name);
        w.WriteString("type", "artist");
        w.WriteString("uri", a.Uri);
        w.WriteEndObject();
    }

    public void Artist(Utf8JsonWriter w, FakeArtist a)
    {
        w.WriteStartObject();
        ExternalUrls(w, "artist", a.Id);
        if (Legacy)
        {
            Followers(w, a.Followers);
            w.WriteStartArray("genres");
            foreach (var g in a.Genres)
            {
                w.WriteStringValue(g);
            }

            w.WriteEndArray();
        }

        w.WriteString("href", $"{Api}/artists/{a.Id}");
        w.WriteString("id", a.Id);
        Images(w, a.Images);
        w.WriteString("name", a.Name);
        if (Legacy)
        {
            w.WriteNumber("popularity", a.Popularity);
        }

        w.WriteString("type", "artist");
        w.WriteString("uri", a.Uri);
        w.WriteEndObject();
    }
}
