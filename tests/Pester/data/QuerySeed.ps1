# The library the Query Pester tests run against, as plain PowerShell data: the tests compute every expected
# result from it with PowerShell's own -like, and New-QuerySeedVault writes it into a real vault through the
# module's own Microsoft.Data.Sqlite (the copy in the engine's load context; nothing else here has SQLite).

$script:Injection = "x'); DROP TABLE tracks;--"

function Get-QuerySeed {
    $t = { param($Uri, $Type, $Name, $Artists, $AlbumId, $AlbumName, $ShowId, $Unavailable)
        [pscustomobject]@{ Uri = $Uri; Id = if ($Type -eq 'local') { $null } else { ($Uri -split ':')[-1] }; Type = $Type; Name = $Name
            Artists = @($Artists); AlbumId = $AlbumId; AlbumName = $AlbumName; ShowId = $ShowId; Unavailable = $Unavailable } }
    $artists = @(
        [pscustomobject]@{ Id = 'ar1'; Name = 'Édith Piaf'; Followed = 'on' }
        [pscustomobject]@{ Id = 'ar2'; Name = '100% Pure'; Followed = 'removed' }
        [pscustomobject]@{ Id = 'ar3'; Name = 'snake_case'; Followed = 'on' }
        [pscustomobject]@{ Id = 'ar4'; Name = "O'Brien; Band"; Followed = $null }
        [pscustomobject]@{ Id = 'ar5'; Name = '[Bracket] Boys'; Followed = $null }
        [pscustomobject]@{ Id = 'ar6'; Name = 'Straße Ensemble'; Followed = $null }
        [pscustomobject]@{ Id = 'ar7'; Name = $script:Injection; Followed = $null }
    )
    $albums = @(
        [pscustomobject]@{ Id = 'al1'; Name = "Éclairs d'été"; Artists = @('ar1'); Saved = 'on' }
        [pscustomobject]@{ Id = 'al2'; Name = '50% Off_Sale'; Artists = @('ar2', 'ar3'); Saved = 'removed' }
        [pscustomobject]@{ Id = 'al3'; Name = '[Live] at Café'; Artists = @('ar5'); Saved = $null }
        [pscustomobject]@{ Id = 'al4'; Name = 'Road Trip Songs'; Artists = @('ar4', 'ar6'); Saved = $null }
    )
    $shows = @(
        [pscustomobject]@{ Id = 'sh1'; Name = 'Ça Podcast'; Saved = 'on' }
        [pscustomobject]@{ Id = 'sh2'; Name = 'Tech; Talk'; Saved = 'removed' }
    )
    $tracks = @(
        & $t 'spotify:track:t01' 'track' 'La Vie en rose' @('ar1') 'al1'
        & $t 'spotify:track:t02' 'track' 'éclair' @('ar1', 'ar3') 'al1'
        & $t 'spotify:track:t03' 'track' 'ÉCLAIR NOIR' @('ar1') 'al1'
        & $t 'spotify:track:t04' 'track' '100% Love' @('ar2') 'al2'
        & $t 'spotify:track:t05' 'track' '1000 Loves' @('ar2') 'al2'
        & $t 'spotify:track:t06' 'track' 'under_score' @('ar3') 'al2'
        & $t 'spotify:track:t07' 'track' 'underXscore' @('ar3') 'al2'
        & $t 'spotify:track:t08' 'track' "Don't Stop" @('ar4') 'al4'
        & $t 'spotify:track:t09' 'track' 'Semi; colon' @('ar4', 'ar6') 'al4'
        & $t 'spotify:track:t10' 'track' '[Intro]' @('ar5') 'al3'
        & $t 'spotify:track:t11' 'track' 'Intro' @('ar5') 'al3'
        & $t 'spotify:track:t12' 'track' 'Straße' @('ar6') 'al4'
        & $t 'spotify:track:t13' 'track' 'emoji 😀 song' @('ar6') 'al4'
        & $t 'spotify:track:t14' 'track' $script:Injection @('ar7') 'al4'
        & $t 'spotify:track:t15' 'track' 'Gone Song' @('ar2') 'al2' -Unavailable '2024-07-01T00:00:00Z'
        & $t 'spotify:local:Home+Band:Tapes:My+Demo:123' 'local' 'My Demo' @() $null 'Tapes'
        & $t 'spotify:episode:e01' 'episode' 'Épisode un' @() $null $null 'sh1'
        & $t 'spotify:episode:e02' 'episode' 'Tech; Talk #2' @() $null $null 'sh2'
    )
    $likes = @(
        [pscustomobject]@{ Uri = 'spotify:track:t01'; AddedAt = '2024-05-01T08:00:00Z'; RemovedAt = $null }
        [pscustomobject]@{ Uri = 'spotify:track:t02'; AddedAt = '2024-04-01T08:00:00Z'; RemovedAt = $null }
        [pscustomobject]@{ Uri = 'spotify:track:t04'; AddedAt = '2024-03-01T08:00:00Z'; RemovedAt = $null }
        [pscustomobject]@{ Uri = 'spotify:track:t08'; AddedAt = '2024-02-01T08:00:00Z'; RemovedAt = '2024-06-10T00:00:00Z' }
        [pscustomobject]@{ Uri = 'spotify:track:t12'; AddedAt = '2024-01-01T08:00:00Z'; RemovedAt = $null }
        [pscustomobject]@{ Uri = 'spotify:track:t14'; AddedAt = '2023-12-01T08:00:00Z'; RemovedAt = $null }
    )
    $e = { param($Uri, $Available = $true, $AddedAt, $Local) [pscustomobject]@{ Uri = $Uri; Available = $Available; AddedAt = $AddedAt; Local = $Local } }
    $playlists = @(
        [pscustomobject]@{ Id = 'pl1'; Name = 'Road Trip'; Owner = 'me'; DeletedAt = $null; Entries = @(
            & $e 'spotify:track:t09' $true '2024-03-01T00:00:00Z'
            & $e 'spotify:local:Home+Band:Tapes:My+Demo:123' $true '2024-03-02T00:00:00Z' -Local @{ Name = 'My Demo'; Artist = 'Home Band'; Album = 'Tapes'; DurationMs = 123000 }
            & $e 'spotify:episode:e01' $true '2024-03-03T00:00:00Z'
            & $e 'spotify:track:t15' $false '2024-03-04T00:00:00Z'
            & $e $null $false '2024-03-05T00:00:00Z'
            & $e 'spotify:track:t09' $true '2024-03-06T00:00:00Z'
        ) }
        [pscustomobject]@{ Id = 'pl2'; Name = 'Road Trip 100% _Live_'; Owner = 'someone'; DeletedAt = $null; Entries = @(
            & $e 'spotify:track:t10' $true '2024-04-01T00:00:00Z'
            & $e 'spotify:track:t11' $true '2024-04-02T00:00:00Z'
        ) }
        [pscustomobject]@{ Id = 'pl3'; Name = "Café; Morning's"; Owner = 'me'; DeletedAt = $null; Entries = @(& $e 'spotify:track:t03' $true '2024-05-01T00:00:00Z') }
        [pscustomobject]@{ Id = 'pl4'; Name = 'Old Mix'; Owner = 'me'; DeletedAt = '2024-06-01T00:00:00Z'; Entries = @(
            & $e 'spotify:track:t05' $true '2022-01-01T00:00:00Z'
            & $e 'spotify:track:t06' $true '2022-01-02T00:00:00Z'
        ) }
        [pscustomobject]@{ Id = 'pl5'; Name = 'Twin'; Owner = 'me'; DeletedAt = $null; Entries = @(& $e 'spotify:track:t13' $true $null) }
        [pscustomobject]@{ Id = 'pl6'; Name = 'twin'; Owner = 'someone'; DeletedAt = $null; Entries = @(& $e 'spotify:track:t07' $true $null) }
    )
    [pscustomobject]@{
        Artists = $artists; Albums = $albums; Shows = $shows; Tracks = $tracks; Likes = $likes; Playlists = $playlists
        SavedEpisodes = @([pscustomobject]@{ Uri = 'spotify:episode:e01'; RemovedAt = $null }, [pscustomobject]@{ Uri = 'spotify:episode:e02'; RemovedAt = '2024-04-11T00:00:00Z' })
        Plays = @(
            [pscustomobject]@{ PlayedAt = '2024-06-01T10:00:00.000Z'; Uri = 'spotify:track:t01' }
            [pscustomobject]@{ PlayedAt = '2024-06-02T09:30:00.000Z'; Uri = 'spotify:track:t02' }
            [pscustomobject]@{ PlayedAt = '2024-06-03T20:00:00.000Z'; Uri = 'spotify:track:t14' }
        )
        Changes = @(
            [pscustomobject]@{ Run = 1; At = '2024-06-01T00:01:00.000Z'; Type = 'playlist'; Id = 'pl1'; Kind = 'added'; Name = 'Road Trip'; Playlist = $null }
            [pscustomobject]@{ Run = 2; At = '2024-06-02T00:00:10.000Z'; Type = 'track'; Id = 'spotify:track:t08'; Kind = 'unliked'; Name = "Don't Stop"; Playlist = $null }
            [pscustomobject]@{ Run = 3; At = '2024-06-03T00:00:05.000Z'; Type = 'track'; Id = 'spotify:track:t15'; Kind = 'unavailable'; Name = 'Gone Song'; Playlist = 'pl1' }
        )
        Runs = @(
            [pscustomobject]@{ Id = 1; Started = '2024-06-01T00:00:00.000Z'; Ended = '2024-06-01T00:05:00.000Z'; Status = 'succeeded'; Warnings = '["one warning"]' }
            [pscustomobject]@{ Id = 2; Started = '2024-06-02T00:00:00.000Z'; Ended = '2024-06-02T00:00:30.000Z'; Status = 'failed'; Warnings = $null }
            [pscustomobject]@{ Id = 3; Started = '2024-06-03T00:00:00.000Z'; Ended = '2024-06-03T00:01:00.000Z'; Status = 'succeeded'; Warnings = '[]' }
        )
        Tops = @(
            [pscustomobject]@{ Type = 'artist'; Range = 'short_term'; At = '2024-06-01T00:00:00.000Z'; Rank = 1; Key = 'ar3' }
            [pscustomobject]@{ Type = 'artist'; Range = 'short_term'; At = '2024-06-02T00:00:00.000Z'; Rank = 1; Key = 'ar1' }
            [pscustomobject]@{ Type = 'artist'; Range = 'short_term'; At = '2024-06-02T00:00:00.000Z'; Rank = 2; Key = 'ar6' }
            [pscustomobject]@{ Type = 'track'; Range = 'long_term'; At = '2024-06-01T00:00:00.000Z'; Rank = 1; Key = 'spotify:track:t02' }
        )
    }
}

# A SqliteConnection from the engine's load context (MusiVault must be imported and have opened a vault once).
function New-EngineSqliteConnection([string] $Path) {
    $alc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'MusiVault.Engine'
    $asm = $alc.Assemblies | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
    if (-not $asm) { throw 'Microsoft.Data.Sqlite is not loaded in the MusiVault.Engine context.' }
    $connection = [Activator]::CreateInstance($asm.GetType('Microsoft.Data.Sqlite.SqliteConnection'), [object[]]@("Data Source=$Path;Pooling=False"))
    $connection.Open()
    $connection
}

function Invoke-SeedSql($Connection, [string] $Sql, [object[]] $Values = @()) {
    $command = $Connection.CreateCommand()
    $command.CommandText = $Sql
    for ($i = 0; $i -lt $Values.Count; $i++) {
        $value = if ($null -eq $Values[$i]) { [DBNull]::Value } else { $Values[$i] }
        $null = $command.Parameters.AddWithValue('$' + ($i + 1), $value)
    }
    $null = $command.ExecuteNonQuery()
    $command.Dispose()
}

function New-QuerySeedVault([string] $Path, $Seed) {
    $null = Get-VaultInfo -Vault $Path # creates the vault with the module's schema
    $c = New-EngineSqliteConnection $Path
    try {
        $seen = '2024-01-01T00:00:00.000Z'
        Invoke-SeedSql $c 'BEGIN'
        Invoke-SeedSql $c "INSERT INTO profile (user_id, display_name, raw_json, updated_at) VALUES ('me', 'Me', '{}', `$1)" @($seen)
        foreach ($r in $Seed.Runs) {
            Invoke-SeedSql $c 'INSERT INTO sync_runs (id, started_at, ended_at, status, full_sync, requests, warnings) VALUES ($1,$2,$3,$4,0,5,$5)' @($r.Id, $r.Started, $r.Ended, $r.Status, $r.Warnings)
        }
        $i = 0
        foreach ($a in $Seed.Artists) {
            Invoke-SeedSql $c 'INSERT INTO artists (id, uri, name, first_seen_at, updated_at) VALUES ($1,$2,$3,$4,$4)' @($a.Id, "spotify:artist:$($a.Id)", $a.Name, $seen)
            if ($a.Followed) {
                Invoke-SeedSql $c 'INSERT INTO followed_artists (artist_id, position, followed_at, removed_at) VALUES ($1,$2,$3,$4)' @($a.Id, $i++, $seen, $(if ($a.Followed -eq 'removed') { '2024-06-01T00:00:00Z' }))
            }
        }
        $i = 0
        foreach ($a in $Seed.Albums) {
            Invoke-SeedSql $c 'INSERT INTO albums (id, uri, name, release_date, first_seen_at, updated_at) VALUES ($1,$2,$3,''2020'',$4,$4)' @($a.Id, "spotify:album:$($a.Id)", $a.Name, $seen)
            for ($k = 0; $k -lt $a.Artists.Count; $k++) {
                Invoke-SeedSql $c 'INSERT INTO album_artists (album_id, position, artist_id) VALUES ($1,$2,$3)' @($a.Id, $k, $a.Artists[$k])
            }
            if ($a.Saved) {
                Invoke-SeedSql $c 'INSERT INTO saved_albums (album_id, added_at, position, removed_at) VALUES ($1,$2,$3,$4)' @($a.Id, $seen, $i++, $(if ($a.Saved -eq 'removed') { '2024-06-01T00:00:00Z' }))
            }
        }
        foreach ($s in $Seed.Shows) {
            Invoke-SeedSql $c 'INSERT INTO shows (id, uri, name, first_seen_at, updated_at) VALUES ($1,$2,$3,$4,$4)' @($s.Id, "spotify:show:$($s.Id)", $s.Name, $seen)
            Invoke-SeedSql $c 'INSERT INTO saved_shows (show_id, added_at, position, removed_at) VALUES ($1,$2,0,$3)' @($s.Id, $seen, $(if ($s.Saved -eq 'removed') { '2024-06-01T00:00:00Z' }))
        }
        foreach ($t in $Seed.Tracks) {
            Invoke-SeedSql $c 'INSERT INTO tracks (uri, id, type, name, album_id, album_name, show_id, duration_ms, explicit, raw_json, first_seen_at, updated_at, unavailable_since) VALUES ($1,$2,$3,$4,$5,$6,$7,200000,0,''{}'',$8,$8,$9)' @(
                $t.Uri, $t.Id, $t.Type, $t.Name, $t.AlbumId, $t.AlbumName, $t.ShowId, $seen, $t.Unavailable)
            $names = @(if ($t.Type -eq 'local') { 'Home Band' } else { $t.Artists | ForEach-Object { $id = $_; ($Seed.Artists | Where-Object Id -EQ $id).Name } })
            for ($k = 0; $k -lt $names.Count; $k++) {
                $artistId = if ($t.Type -eq 'local') { $null } else { $t.Artists[$k] }
                Invoke-SeedSql $c 'INSERT INTO track_artists (track_uri, position, artist_id, artist_name) VALUES ($1,$2,$3,$4)' @($t.Uri, $k, $artistId, $names[$k])
            }
        }
        $i = 0
        foreach ($l in $Seed.Likes) {
            Invoke-SeedSql $c 'INSERT INTO liked_tracks (track_uri, added_at, position, removed_at) VALUES ($1,$2,$3,$4)' @($l.Uri, $l.AddedAt, $i++, $l.RemovedAt)
        }
        foreach ($se in $Seed.SavedEpisodes) {
            Invoke-SeedSql $c 'INSERT INTO saved_episodes (episode_uri, added_at, position, removed_at) VALUES ($1,$2,0,$3)' @($se.Uri, $seen, $se.RemovedAt)
        }
        $i = 0
        foreach ($p in $Seed.Playlists) {
            Invoke-SeedSql $c 'INSERT INTO playlists (id, uri, name, owner_id, owner_name, public, collaborative, snapshot_id, items_total, raw_json, items_available, list_position, first_seen_at, updated_at, deleted_at) VALUES ($1,$2,$3,$4,$4,1,0,''s'',$5,''{}'',1,$6,$7,$7,$8)' @(
                $p.Id, "spotify:playlist:$($p.Id)", $p.Name, $p.Owner, $p.Entries.Count, $i++, $seen, $p.DeletedAt)
            for ($k = 0; $k -lt $p.Entries.Count; $k++) {
                $en = $p.Entries[$k]
                Invoke-SeedSql $c 'INSERT INTO playlist_entries (playlist_id, position, item_uri, is_available, added_at, added_by, is_local, local_name, local_artist, local_album, local_duration_ms) VALUES ($1,$2,$3,$4,$5,''me'',$6,$7,$8,$9,$10)' @(
                    $p.Id, $k, $en.Uri, [int][bool]$en.Available, $en.AddedAt, [int]($null -ne $en.Local), $en.Local.Name, $en.Local.Artist, $en.Local.Album, $en.Local.DurationMs)
            }
        }
        foreach ($pl in $Seed.Plays) { Invoke-SeedSql $c 'INSERT INTO recently_played (played_at, track_uri) VALUES ($1,$2)' @($pl.PlayedAt, $pl.Uri) }
        foreach ($tp in $Seed.Tops) { Invoke-SeedSql $c 'INSERT INTO top_items (item_type, time_range, captured_at, rank, item_key, run_id) VALUES ($1,$2,$3,$4,$5,1)' @($tp.Type, $tp.Range, $tp.At, $tp.Rank, $tp.Key) }
        foreach ($ch in $Seed.Changes) {
            Invoke-SeedSql $c 'INSERT INTO changes (run_id, observed_at, entity_type, entity_id, kind, name, playlist_id) VALUES ($1,$2,$3,$4,$5,$6,$7)' @($ch.Run, $ch.At, $ch.Type, $ch.Id, $ch.Kind, $ch.Name, $ch.Playlist)
        }
        Invoke-SeedSql $c 'COMMIT'
    }
    finally { $c.Dispose() }
}

# Every row of every table, hashed: equal before and after means the vault did not change.
function Get-VaultContentHash([string] $Path) {
    $c = New-EngineSqliteConnection $Path
    try {
        $text = [System.Text.StringBuilder]::new()
        $cmd = $c.CreateCommand()
        $cmd.CommandText = "SELECT name, coalesce(sql, '') FROM sqlite_master ORDER BY name"
        $reader = $cmd.ExecuteReader()
        $tables = @()
        while ($reader.Read()) { $null = $text.Append($reader.GetString(0)).Append($reader.GetString(1)); $tables += $reader.GetString(0) }
        $reader.Dispose()
        foreach ($table in $tables) {
            $cmd.CommandText = "SELECT * FROM `"$table`""
            try { $reader = $cmd.ExecuteReader() } catch { continue } # indexes are not selectable
            while ($reader.Read()) { for ($i = 0; $i -lt $reader.FieldCount; $i++) { $null = $text.Append([string]$reader.GetValue($i)).Append([char]1) } }
            $reader.Dispose()
        }
        $bytes = [System.Text.Encoding]::UTF8.GetBytes($text.ToString())
        [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes))
    }
    finally { $c.Dispose() }
}
