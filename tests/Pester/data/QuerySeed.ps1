# The library the Query Pester tests run against, as plain PowerShell data: the tests compute every expected
# result from it with PowerShell's own -like, and New-QuerySeedVault writes it into a real vault through the real
# store (tests/MusiVault.TestSeed, the same writer as the xunit seed, given this seed as VaultSeed JSON).

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
            [pscustomobject]@{ Run = 1; At = '2024-06-01T00:01:00.000Z'; Type = 'playlist'; Id = 'pl1'; Kind = 'added'; Name = 'Road Trip'; Playlist = 'pl1' }
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

# The seed in VaultSeed's shape (tests/MusiVault.TestSeed/VaultSeed.cs), written into a new vault by the real store.
function New-QuerySeedVault([string] $Path, $Seed) {
    $seen = '2024-01-01T00:00:00Z'
    $removed = '2024-06-01T00:00:00Z'
    $names = @{}; foreach ($a in $Seed.Artists) { $names[$a.Id] = $a.Name }
    $i = 0
    $artists = foreach ($a in $Seed.Artists) {
        $followed = [bool]$a.Followed
        @{ Id = $a.Id; Name = $a.Name; FollowedAt = $(if ($followed) { $seen }); FollowPosition = $(if ($followed) { $i++ })
            UnfollowedAt = $(if ($a.Followed -eq 'removed') { $removed }) }
    }
    $i = 0
    $albums = foreach ($a in $Seed.Albums) {
        @{ Id = $a.Id; Name = $a.Name; ArtistIds = @($a.Artists); ReleaseDate = '2020'; SavedAt = $(if ($a.Saved) { $seen })
            SavePosition = $(if ($a.Saved) { $i++ }); UnsavedAt = $(if ($a.Saved -eq 'removed') { $removed }) }
    }
    $shows = foreach ($sh in $Seed.Shows) { @{ Id = $sh.Id; Name = $sh.Name; SavedAt = $seen; UnsavedAt = $(if ($sh.Saved -eq 'removed') { $removed }) } }
    $items = foreach ($t in $Seed.Tracks) {
        $local = $Seed.Playlists.Entries | Where-Object { $_.Uri -eq $t.Uri -and $_.Local } | Select-Object -First 1
        @{ Uri = $t.Uri; Type = $t.Type; Name = $t.Name; AlbumId = $t.AlbumId; AlbumName = $t.AlbumName; ShowId = $t.ShowId
            ArtistNames = @(if ($t.Type -eq 'local') { 'Home Band' } else { $t.Artists | ForEach-Object { $names[$_] } })
            ArtistIds = @(if ($t.Type -eq 'local') { $null } else { $t.Artists })
            DurationMs = $(if ($local) { $local.Local.DurationMs } else { 200000 }); UnavailableSince = $t.Unavailable }
    }
    $i = 0
    $likes = foreach ($l in $Seed.Likes) { @{ Uri = $l.Uri; AddedAt = $l.AddedAt; Position = $i++; RemovedAt = $l.RemovedAt } }
    $i = 0
    $playlists = foreach ($p in $Seed.Playlists) {
        @{ Id = $p.Id; Name = $p.Name; OwnerId = $p.Owner; DeletedAt = $p.DeletedAt; ListPosition = $i++
            Entries = @($p.Entries | ForEach-Object { @{ ItemUri = $_.Uri; IsAvailable = [bool]$_.Available; AddedAt = $_.AddedAt; AddedBy = 'me'; IsLocal = $null -ne $_.Local } }) }
    }
    $vaultSeed = @{
        Artists = @($artists); Albums = @($albums); Shows = @($shows); Items = @($items); Likes = @($likes); Playlists = @($playlists)
        SavedEpisodes = @($Seed.SavedEpisodes | ForEach-Object { @{ Uri = $_.Uri; AddedAt = $seen; RemovedAt = $_.RemovedAt } })
        Plays = @($Seed.Plays | ForEach-Object { @{ PlayedAt = $_.PlayedAt; TrackUri = $_.Uri } })
        Tops = @($Seed.Tops | ForEach-Object { @{ Type = $_.Type; Range = $_.Range; CapturedAt = $_.At; Rank = $_.Rank; Key = $_.Key } })
        Changes = @($Seed.Changes | ForEach-Object { @{ RunId = $_.Run; ObservedAt = $_.At; EntityType = $_.Type; EntityId = $_.Id; Kind = $_.Kind
                    Name = $_.Name; PlaylistId = $_.Playlist } })
        Runs = @($Seed.Runs | ForEach-Object { @{ Id = $_.Id; StartedAt = $_.Started; EndedAt = $_.Ended; Status = $_.Status; Full = $false; Warnings = $_.Warnings; Requests = 5 } })
    }
    New-TestVault -Path $Path -SeedJson ($vaultSeed | ConvertTo-Json -Depth 8 -Compress)
}

# Every row of every table, hashed: equal before and after means the vault did not change.
function Get-VaultContentHash([string] $Path) {
    $fixtures = if ($env:MUSIVAULT_TEST_FIXTURES) { $env:MUSIVAULT_TEST_FIXTURES } else { Join-Path $PSScriptRoot '../../../out/test-fixtures' }
    $hash = & dotnet (Join-Path $fixtures 'MusiVault.TestSeed/MusiVault.TestSeed.dll') hash $Path
    if ($LASTEXITCODE -ne 0) { throw "Hashing $Path failed: $hash" }
    $hash
}
