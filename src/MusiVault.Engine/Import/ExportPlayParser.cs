using System.Globalization;
using System.Text.Json;

namespace MusiVault.Engine.Import;

/// <summary>Reads the records of the streaming-history files, both the extended history and the account data.</summary>
internal sealed class ExportPlayParser(ExportFileKind kind, ExportReadOptions options, List<ExportPlay> output)
{
    public bool Read(string? section, ref Utf8JsonReader r) =>
        kind is ExportFileKind.AccountMusic or ExportFileKind.AccountPodcast ? ReadAccountPlay(ref r) : ReadExtendedPlay(ref r);

    private bool ReadExtendedPlay(ref Utf8JsonReader r)
    {
        DateTimeOffset? ts = null;
        long? msPlayed = null, offlineTimestamp = null;
        string? track = null, artist = null, album = null, trackUri = null, episode = null, show = null, episodeUri = null;
        string? audiobook = null, audiobookUri = null, chapter = null, chapterUri = null;
        string? platform = null, country = null, reasonStart = null, reasonEnd = null, ip = null, userAgent = null, username = null;
        bool? shuffle = null, skipped = null, offline = null, incognito = null;
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }
            if (r.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            var field = r;
            if (!r.Read() || !JsonValue.SkipValue(ref r))
            {
                return false;
            }
            // Ordered by how often the names occur; each test is a length check and a short compare.
            if (field.ValueTextEquals("ts"u8))
            {
                ts = Timestamp(ref r);
            }
            else if (field.ValueTextEquals("ms_played"u8))
            {
                msPlayed = JsonValue.Long(ref r);
            }
            else if (field.ValueTextEquals("master_metadata_track_name"u8))
            {
                track = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("master_metadata_album_artist_name"u8))
            {
                artist = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("master_metadata_album_album_name"u8))
            {
                album = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("spotify_track_uri"u8))
            {
                trackUri = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("platform"u8))
            {
                platform = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("conn_country"u8))
            {
                country = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("reason_start"u8))
            {
                reasonStart = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("reason_end"u8))
            {
                reasonEnd = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("shuffle"u8))
            {
                shuffle = JsonValue.Bool(ref r);
            }
            else if (field.ValueTextEquals("skipped"u8))
            {
                skipped = JsonValue.Bool(ref r);
            }
            else if (field.ValueTextEquals("offline"u8))
            {
                offline = JsonValue.Bool(ref r);
            }
            else if (field.ValueTextEquals("offline_timestamp"u8))
            {
                offlineTimestamp = JsonValue.Long(ref r);
            }
            else if (field.ValueTextEquals("incognito_mode"u8))
            {
                incognito = JsonValue.Bool(ref r);
            }
            else if (field.ValueTextEquals("episode_name"u8))
            {
                episode = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("episode_show_name"u8))
            {
                show = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("spotify_episode_uri"u8))
            {
                episodeUri = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("audiobook_title"u8))
            {
                audiobook = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("audiobook_uri"u8))
            {
                audiobookUri = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("audiobook_chapter_title"u8))
            {
                chapter = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("audiobook_chapter_uri"u8))
            {
                chapterUri = JsonValue.String(ref r);
            }
            else if (options.IncludeNetworkFields)
            {
                if (field.ValueTextEquals("ip_addr"u8) || field.ValueTextEquals("ip_addr_decrypted"u8))
                {
                    ip = JsonValue.String(ref r);
                }
                else if (field.ValueTextEquals("user_agent_decrypted"u8))
                {
                    userAgent = JsonValue.String(ref r);
                }
                else if (field.ValueTextEquals("username"u8))
                {
                    username = JsonValue.String(ref r);
                }
            }
        }

        var kindOfPlay = track is not null || trackUri is not null ? ExportPlayKind.Track
            : episode is not null || episodeUri is not null ? ExportPlayKind.Episode
            : audiobook is not null || audiobookUri is not null || chapterUri is not null ? ExportPlayKind.Audiobook
            : ExportPlayKind.Unknown;
        output.Add(new ExportPlay
        {
            EndedAt = ts ?? throw new ExportRecordException("A play has no valid 'ts'."),
            MsPlayed = msPlayed ?? throw new ExportRecordException("A play has no valid 'ms_played'."),
            Source = ExportPlaySource.ExtendedHistory,
            Kind = kindOfPlay,
            TrackName = track,
            ArtistName = artist,
            AlbumName = album,
            TrackUri = trackUri,
            EpisodeName = episode,
            ShowName = show,
            EpisodeUri = episodeUri,
            AudiobookTitle = audiobook,
            AudiobookUri = audiobookUri,
            AudiobookChapterTitle = chapter,
            AudiobookChapterUri = chapterUri,
            Platform = platform,
            Country = country,
            ReasonStart = reasonStart,
            ReasonEnd = reasonEnd,
            Shuffle = shuffle,
            Skipped = skipped,
            Offline = offline,
            OfflineTimestamp = offlineTimestamp,
            IncognitoMode = incognito,
            IpAddress = ip,
            UserAgent = userAgent,
            Username = username,
        });
        return true;
    }

    private bool ReadAccountPlay(ref Utf8JsonReader r)
    {
        DateTimeOffset? endTime = null;
        long? msPlayed = null;
        string? artist = null, track = null, podcast = null, episode = null;
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }
            if (r.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            var field = r;
            if (!r.Read() || !JsonValue.SkipValue(ref r))
            {
                return false;
            }
            if (field.ValueTextEquals("endTime"u8))
            {
                endTime = MinuteTime(JsonValue.String(ref r));
            }
            else if (field.ValueTextEquals("msPlayed"u8))
            {
                msPlayed = JsonValue.Long(ref r);
            }
            else if (field.ValueTextEquals("artistName"u8))
            {
                artist = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("trackName"u8))
            {
                track = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("podcastName"u8))
            {
                podcast = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("episodeName"u8))
            {
                episode = JsonValue.String(ref r);
            }
        }

        var isEpisode = podcast is not null || episode is not null || kind == ExportFileKind.AccountPodcast;
        output.Add(new ExportPlay
        {
            EndedAt = endTime ?? throw new ExportRecordException("A play has no valid 'endTime'."),
            MsPlayed = msPlayed ?? throw new ExportRecordException("A play has no valid 'msPlayed'."),
            Source = ExportPlaySource.AccountData,
            Kind = isEpisode ? ExportPlayKind.Episode : track is null && artist is null ? ExportPlayKind.Unknown : ExportPlayKind.Track,
            TrackName = isEpisode ? null : track,
            ArtistName = isEpisode ? null : artist,
            EpisodeName = isEpisode ? episode : null,
            ShowName = isEpisode ? podcast : null,
        });
        return true;
    }

    private static DateTimeOffset? Timestamp(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            return null;
        }
        if (r.TryGetDateTimeOffset(out var value))
        {
            return value.ToUniversalTime();
        }
        return DateTimeOffset.TryParse(r.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>The account data's "YYYY-MM-DD HH:MM", which Spotify documents as UTC.</summary>
    private static DateTimeOffset? MinuteTime(string? text) =>
        text is not null && DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
}
