# Restore-SpotifyPlaylist of a deleted playlist holding local files and a track Spotify no longer has: against the fake.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:Saved = @{ MUSIVAULT_HOME = $env:MUSIVAULT_HOME; MUSIVAULT_VAULT = $env:MUSIVAULT_VAULT
        MUSIVAULT_SPOTIFY_API_URL = $env:MUSIVAULT_SPOTIFY_API_URL; MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL }
    $script:TestHome = New-TestHome
    $script:Fake = Start-FakeSpotify -Preset Small -Seed 37
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = Join-Path $script:TestHome 'skips.db'
    $env:MUSIVAULT_SPOTIFY_API_URL = $script:Fake.ApiUrl
    $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
    Import-Module (Get-TestModulePath) -Force
    Connect-Spotify -ClientId $script:Fake.ClientId -RefreshToken $script:Fake.RefreshToken | Out-Null

    $grant = Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/refresh-token"
    $token = Invoke-RestMethod -Method Post "$($script:Fake.AccountsUrl.TrimEnd('/'))/api/token" -Body @{
        grant_type = 'refresh_token'; refresh_token = $grant.refreshToken; client_id = $grant.clientId }
    $script:Headers = @{ Authorization = "Bearer $($token.access_token)" }
    $script:Api = $script:Fake.ApiUrl
    function script:Get-FakePages([string] $Url) { while ($Url) { $page = Invoke-RestMethod -Uri $Url -Headers $script:Headers; $page.items; $Url = $page.next } }
    function script:Get-FakeItems([string] $Id) { @(Get-FakePages "$script:Api/playlists/$Id/items?limit=50") | ForEach-Object { $_.item.uri } }
}

AfterAll {
    Remove-Module MusiVault -Force -ErrorAction SilentlyContinue
    if ($script:Fake) { Stop-Fake $script:Fake }
    foreach ($key in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($key, $script:Saved[$key]) }
}

Describe 'Restore-SpotifyPlaylist of a deleted playlist' {
    It 'sends the vault''s entries in order and reports the local files and the vanished track, unsent' {
        $source = @(Get-FakePages "$script:Api/me/playlists?limit=50" | Where-Object name -eq '100% _real_ [live]')[0]
        # A track Spotify no longer has (the fake's demo changes make one unavailable), added to the playlist first.
        $changes = Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/mutate?scenario=demo"
        $vanished = "spotify:track:$($changes.unavailableTrackId)"
        Invoke-RestMethod -Method Post "$script:Api/playlists/$($source.id)/items" -Headers $script:Headers -ContentType 'application/json' `
            -Body (@{ uris = @($vanished); position = 1 } | ConvertTo-Json -Compress) | Out-Null
        (Sync-SpotifyLibrary -WarningAction SilentlyContinue).Status | Should -Be 'succeeded'
        $entries = @(Get-VaultTrack -Playlist $source.id)
        @($entries | Where-Object IsLocal).Count | Should -Be 4
        # Spotify answers the entry's item as null: the vault keeps the entry, unavailable, without a URI.
        $entries[1].IsAvailable | Should -BeFalse
        $entries[1].Uri | Should -BeNullOrEmpty
        # Deleting a playlist in Spotify is unfollowing it; the vault keeps it as deleted.
        Invoke-RestMethod -Method Delete "$script:Api/me/library?uris=spotify:playlist:$($source.id)" -Headers $script:Headers | Out-Null
        (Sync-SpotifyLibrary -WarningAction SilentlyContinue).Status | Should -Be 'succeeded'

        $result = Get-VaultPlaylist -Id $source.id -IncludeDeleted | Restore-SpotifyPlaylist -Confirm:$false

        $expected = @($entries | Where-Object { -not $_.IsLocal -and $_.IsAvailable } | ForEach-Object Uri)
        $sent = @(Get-FakeItems $result.TargetId)
        $sent | Should -Be $expected
        $sent | Should -Not -Contain $vanished
        @($sent | Where-Object { $_ -like 'spotify:local:*' }).Count | Should -Be 0
        $result.TargetName | Should -Be '100% _real_ [live]'
        $result.Added | Should -Be $expected.Count
        @($result.Skipped | Where-Object Reason -like 'local file*').Count | Should -Be 4
        $gone = @($result.Skipped | Where-Object Reason -eq 'Spotify no longer has this item')
        $gone.Count | Should -Be 1
        $gone[0].Position | Should -Be 1
        $result.SkippedCount | Should -Be ($entries.Count - $expected.Count)
    }
}
