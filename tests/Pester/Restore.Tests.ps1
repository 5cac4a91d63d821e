# Restore-SpotifyPlaylist / Restore-SpotifyLibrary against the fake Spotify service, in the Pester process.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:Saved = @{ MUSIVAULT_HOME = $env:MUSIVAULT_HOME; MUSIVAULT_VAULT = $env:MUSIVAULT_VAULT
        MUSIVAULT_SPOTIFY_API_URL = $env:MUSIVAULT_SPOTIFY_API_URL; MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL }
    $script:TestHome = New-TestHome
    $script:Fake = Start-FakeSpotify -Preset Small -Seed 23
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = Join-Path $script:TestHome 'restore.db'
    $env:MUSIVAULT_SPOTIFY_API_URL = $script:Fake.ApiUrl
    $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
    Import-Module (Get-TestModulePath) -Force
    Connect-Spotify -ClientId $script:Fake.ClientId -RefreshToken $script:Fake.RefreshToken | Out-Null
    (Sync-SpotifyLibrary).Status | Should -Be 'succeeded'

    # The fake's own view over its Web API, with a token of our own.
    $grant = Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/refresh-token"
    $token = Invoke-RestMethod -Method Post "$($script:Fake.AccountsUrl.TrimEnd('/'))/api/token" -Body @{
        grant_type = 'refresh_token'; refresh_token = $grant.refreshToken; client_id = $grant.clientId }
    $script:Headers = @{ Authorization = "Bearer $($token.access_token)" }
    $script:Api = $script:Fake.ApiUrl
    function script:Get-FakePages([string] $Url) { while ($Url) { $page = Invoke-RestMethod -Uri $Url -Headers $script:Headers; $page.items; $Url = $page.next } }
    function script:Get-Writes { (Invoke-RestMethod "$($script:Fake.ControlUrl)/stats").writes }
    function script:Reset-Stats { Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/reset-stats" | Out-Null }
    function script:Get-FakeItems([string] $Id) { @(Get-FakePages "$script:Api/playlists/$Id/items?limit=50") | ForEach-Object { $_.item.uri } }
    function script:Get-MyPlaylists { @(Get-FakePages "$script:Api/me/playlists?limit=50") }
}

AfterAll {
    Remove-Module MusiVault -Force -ErrorAction SilentlyContinue
    if ($script:Fake) { Stop-Fake $script:Fake }
    foreach ($key in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($key, $script:Saved[$key]) }
}

Describe 'Restore-SpotifyPlaylist' {
    It 'brings back a deleted playlist with the vault''s entries in order; local files and vanished items are reported, not sent' {
        $me = (Invoke-RestMethod "$script:Api/me" -Headers $script:Headers).id
        $source = Get-VaultPlaylist | Where-Object { $_.OwnerId -eq $me -and $_.TrackCount -ge 3 } | Sort-Object TrackCount -Descending | Select-Object -First 1
        $entries = @(Get-VaultTrack -Playlist $source.PlaylistId)
        Invoke-RestMethod -Method Delete "$script:Api/me/library?uris=spotify:playlist:$($source.PlaylistId)" -Headers $script:Headers | Out-Null
        (Sync-SpotifyLibrary).Status | Should -Be 'succeeded'
        Reset-Stats

        $result = Get-VaultPlaylist -Id $source.PlaylistId -IncludeDeleted | Restore-SpotifyPlaylist -Confirm:$false

        $result | Should -BeOfType MusiVault.RestoreResult
        $expected = @($entries | Where-Object { -not $_.IsLocal -and $_.IsAvailable -and $_.Uri } | ForEach-Object Uri)
        @(Get-FakeItems $result.TargetId) | Should -Be $expected
        $result.Added | Should -Be $expected.Count
        $result.SkippedCount | Should -Be ($entries.Count - $expected.Count)
        $result.TargetName | Should -Be $source.Name
        $result.Requests | Should -Be (1 + [math]::Ceiling($expected.Count / 100))
        Get-Writes | Should -Be $result.Requests

        # Run again: the journal finds the same playlist, nothing is created or added twice.
        $again = Restore-SpotifyPlaylist -Playlist $source.PlaylistId -Confirm:$false
        $again.TargetId | Should -Be $result.TargetId
        $again.Added | Should -Be 0
        $again.AlreadyPresent | Should -Be $expected.Count
        @(Get-MyPlaylists | Where-Object name -eq $source.Name).Count | Should -Be 1
    }

    It '-WhatIf makes no write' {
        Reset-Stats
        $plan = Get-VaultPlaylist | Select-Object -First 1 | Restore-SpotifyPlaylist -Name 'never created' -WhatIf
        $plan.WhatIf | Should -BeTrue
        Get-Writes | Should -Be 0
        (Restore-SpotifyLibrary -Include LikedSongs -WhatIf).Requests | Should -Be 0
        Get-Writes | Should -Be 0
    }

    It 'restores a playlist from an Exportify-style CSV' {
        # Exportify's base columns, every field quoted; the fake knows only its own catalog, so the URIs are the vault's.
        $tracks = @(Get-VaultTrack -Liked -First 7)
        $file = Join-Path $script:TestHome 'road trip.csv'
        $tracks | ForEach-Object { [ordered]@{ 'Track URI' = $_.Uri; 'Track Name' = $_.Name; 'Artist URI(s)' = ''; 'Artist Name(s)' = $_.ArtistNames
            'Album URI' = ''; 'Album Name' = $_.Album; 'Added At' = '2026-01-01T00:00:00Z' } } |
            ForEach-Object { [pscustomobject]$_ } | Export-Csv $file -UseQuotes Always
        Add-Content $file '"spotify:local:Artist:Album:Song:200","Song","","Artist","","Album",""'

        $result = Restore-SpotifyPlaylist -Path $file -Confirm:$false

        @(Get-FakeItems $result.TargetId) | Should -Be @($tracks.Uri)
        $result.TargetName | Should -Be 'road trip'
        $result.SkippedCount | Should -Be 1
    }

    It 'restores a playlist from our own Export-VaultPlaylist CSV' {
        $me = (Invoke-RestMethod "$script:Api/me" -Headers $script:Headers).id
        $source = Get-VaultPlaylist | Where-Object { $_.OwnerId -eq $me -and $_.TrackCount -ge 3 } | Select-Object -First 1
        $file = Join-Path $script:TestHome 'ours.csv'
        $null = Export-VaultPlaylist -Playlist $source.PlaylistId -Format ExportifyCsv -Destination $file -Force
        $expected = @(Import-Csv $file | Where-Object { $_.'Track URI' -like 'spotify:track:*' } | ForEach-Object 'Track URI')
        $expected.Count | Should -BeGreaterThan 0

        $result = Restore-SpotifyPlaylist -Path $file -Name 'From our own CSV' -Confirm:$false

        $result.TargetName | Should -Be 'From our own CSV'
        @(Get-FakeItems $result.TargetId) | Should -Be $expected
    }
}

Describe 'Restore-SpotifyLibrary' {
    It 'brings back exactly 120 unliked songs in at most 3 writes' {
        $liked = @(Get-VaultTrack -Liked | Where-Object { $_.IsAvailable } | Select-Object -First 120 | ForEach-Object Uri)
        $liked.Count | Should -Be 120
        for ($i = 0; $i -lt 120; $i += 40) {
            Invoke-RestMethod -Method Delete "$script:Api/me/library?uris=$(($liked[$i..($i + 39)]) -join ',')" -Headers $script:Headers | Out-Null
        }
        Reset-Stats

        $result = Restore-SpotifyLibrary -Include LikedSongs -Confirm:$false

        $result.Added | Should -Be 120
        $result.Requests | Should -BeLessOrEqual 3
        Get-Writes | Should -BeLessOrEqual 3
        $now = @(Get-FakePages "$script:Api/me/tracks?limit=50" | ForEach-Object { $_.track.uri })
        foreach ($uri in $liked) { $now | Should -Contain $uri }
    }
}
