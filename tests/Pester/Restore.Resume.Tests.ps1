# Restore-SpotifyPlaylist as of a date, and killed mid-way: against the fake Spotify service, with real child processes.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:Saved = @{ MUSIVAULT_HOME = $env:MUSIVAULT_HOME; MUSIVAULT_VAULT = $env:MUSIVAULT_VAULT
        MUSIVAULT_SPOTIFY_API_URL = $env:MUSIVAULT_SPOTIFY_API_URL; MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL }
    $script:TestHome = New-TestHome
    # 1,100 liked songs: enough distinct tracks for a 1,000-entry playlist.
    $script:Fake = Start-FakeSpotify -Preset Small -Seed 31 -ExtraArguments @('--liked', '1100')
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = Join-Path $script:TestHome 'resume.db'
    $env:MUSIVAULT_SPOTIFY_API_URL = $script:Fake.ApiUrl
    $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
    Import-Module (Get-TestModulePath) -Force
    Connect-Spotify -ClientId $script:Fake.ClientId -RefreshToken $script:Fake.RefreshToken | Out-Null
    (Sync-SpotifyLibrary).Status | Should -Be 'succeeded'

    # The fake's own Web API, with a token of our own: how a user (or another app) changes the account.
    $grant = Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/refresh-token"
    $token = Invoke-RestMethod -Method Post "$($script:Fake.AccountsUrl.TrimEnd('/'))/api/token" -Body @{
        grant_type = 'refresh_token'; refresh_token = $grant.refreshToken; client_id = $grant.clientId }
    $script:Headers = @{ Authorization = "Bearer $($token.access_token)" }
    $script:Api = $script:Fake.ApiUrl
    function script:Invoke-Api([string] $Method, [string] $Path, $Body) {
        $json = if ($null -ne $Body) { $Body | ConvertTo-Json -Depth 5 -Compress } else { $null }
        Invoke-RestMethod -Method $Method -Uri "$script:Api$Path" -Headers $script:Headers -ContentType 'application/json' -Body $json
    }
    function script:Get-FakePages([string] $Url) { while ($Url) { $page = Invoke-RestMethod -Uri $Url -Headers $script:Headers; $page.items; $Url = $page.next } }
    function script:Get-FakeItems([string] $Id) { @(Get-FakePages "$script:Api/playlists/$Id/items?limit=50") | ForEach-Object { $_.item.uri } }
    function script:Get-MyPlaylists([string] $Name) { @(Get-FakePages "$script:Api/me/playlists?limit=50" | Where-Object name -eq $Name) }
    function script:Get-Stats { Invoke-RestMethod "$($script:Fake.ControlUrl)/stats" }
    function script:Set-Faults([string] $Query) { Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/faults?$Query" | Out-Null }
    function script:New-FakePlaylist([string] $Name, [string[]] $Uris) {
        $playlist = Invoke-Api Post '/me/playlists' @{ name = $Name; public = $false }
        for ($i = 0; $i -lt $Uris.Count; $i += 100) {
            Invoke-Api Post "/playlists/$($playlist.id)/items" @{ uris = @($Uris[$i..([Math]::Min($i + 99, $Uris.Count - 1))]) } | Out-Null
        }
        $playlist.id
    }
    # Vault times have millisecond precision: a bounded spin until the clock has moved past the current one.
    function script:Get-Instant {
        $deadline = [DateTime]::UtcNow.AddSeconds(5)
        $start = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        while ([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() -le $start + 1 -and [DateTime]::UtcNow -lt $deadline) { }
        $now = [DateTimeOffset]::UtcNow
        while ([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() -le $now.ToUnixTimeMilliseconds() + 1 -and [DateTime]::UtcNow -lt $deadline) { }
        $now
    }
    $script:Tracks = @(Get-VaultTrack -Liked | Where-Object { $_.IsAvailable -and $_.Uri -like 'spotify:track:*' } | ForEach-Object Uri)
}

AfterAll {
    Remove-Module MusiVault -Force -ErrorAction SilentlyContinue
    if ($script:Fake) { Stop-Fake $script:Fake }
    foreach ($key in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($key, $script:Saved[$key]) }
}

Describe 'Restore-SpotifyPlaylist -AsOf' {
    It 'restores a playlist as of a date before two changes in the earlier order' {
        $earlier = @($script:Tracks[0..7])
        $id = New-FakePlaylist 'Before the changes' $earlier
        (Sync-SpotifyLibrary).Status | Should -Be 'succeeded'
        $before = Get-Instant

        # First change: the first entry moves to the end.
        Invoke-Api Put "/playlists/$id/items" @{ range_start = 0; insert_before = 8; range_length = 1 } | Out-Null
        (Sync-SpotifyLibrary).Status | Should -Be 'succeeded'
        # Second change: one removed, another added.
        Invoke-Api Delete "/playlists/$id/items" @{ items = @(@{ uri = $earlier[3] }) } | Out-Null
        Invoke-Api Post "/playlists/$id/items" @{ uris = @($script:Tracks[20]) } | Out-Null
        (Sync-SpotifyLibrary).Status | Should -Be 'succeeded'
        $now = @(Get-VaultTrack -Playlist $id | ForEach-Object Uri)
        $now | Should -Be @(Get-FakeItems $id)
        $now | Should -Not -Be $earlier

        $result = Restore-SpotifyPlaylist -Playlist $id -AsOf $before -Name 'As it was' -Confirm:$false

        @(Get-FakeItems $result.TargetId) | Should -Be $earlier
        $result.AsOf | Should -Be $before
        $result.Added | Should -Be 8
        @(Get-MyPlaylists 'As it was').Count | Should -Be 1
    }
}

Describe 'Restore-SpotifyPlaylist killed mid-way' {
    BeforeAll {
        $script:Large = @($script:Tracks[0..999])
        $script:LargeId = New-FakePlaylist 'A thousand' $script:Large
        (Sync-SpotifyLibrary).Status | Should -Be 'succeeded'
        @(Get-VaultTrack -Playlist $script:LargeId).Count | Should -Be 1000
    }

    It 'runs again in a new process and yields one playlist with every entry once, in order' {
        $addRoute = 'POST /v1/playlists/{id}/items'
        Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/reset-stats" | Out-Null
        # Each request takes 400 ms, so the restore is certainly still adding when the test sees its second add.
        Set-Faults 'latencyMs=400'
        $child = Start-FreshPwsh -Script "Import-Module '$(Get-TestModulePath)'; Restore-SpotifyPlaylist -Playlist '$script:LargeId' -Name 'Interrupted' -Confirm:`$false | Out-Null; 'finished'"
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while (-not ((Get-Stats).routes.$addRoute -ge 2)) {
                if ($child.HasExited) { throw "The restore ended (exit $($child.ExitCode)) before its second add." }
                if ([DateTime]::UtcNow -gt $deadline) { throw 'No second add within 120 s.' }
                Start-Sleep -Milliseconds 20
            }
            $child.Kill($true)
            $child.WaitForExit(30000) | Should -BeTrue
        }
        finally {
            Stop-FreshPwsh $child
            Set-Faults 'latencyMs=0'
        }
        $partial = @(Get-MyPlaylists 'Interrupted')
        $partial.Count | Should -Be 1
        $left = @(Get-FakeItems $partial[0].id).Count
        $left | Should -BeGreaterOrEqual 100
        $left | Should -BeLessThan 1000

        $rerun = @(Invoke-FreshPwsh "Import-Module '$(Get-TestModulePath)'; Restore-SpotifyPlaylist -Playlist '$script:LargeId' -Name 'Interrupted' -Confirm:`$false | Select-Object TargetId, Added, AlreadyPresent, Requests | ConvertTo-Json -Compress")
        $LASTEXITCODE | Should -Be 0
        $result = $rerun[-1] | ConvertFrom-Json

        $result.TargetId | Should -Be $partial[0].id
        $result.AlreadyPresent | Should -Be $left
        $result.Added | Should -Be (1000 - $left)
        @(Get-MyPlaylists 'Interrupted').Count | Should -Be 1
        $items = @(Get-FakeItems $result.TargetId)
        $items | Should -Be $script:Large
        @($items | Group-Object | Where-Object Count -gt 1).Count | Should -Be 0
    }

    It 'checks a write whose answer was lost before sending it again, and adds nothing twice' {
        Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/reset-stats" | Out-Null
        # The fourth add is carried out, then its connection dropped unanswered: a timeout after the write was applied.
        Set-Faults 'fault=applied-drop&route=POST%20/v1/playlists/{id}/items&skip=3'

        $result = Restore-SpotifyPlaylist -Playlist $script:LargeId -Name 'Answer lost' -Confirm:$false

        (Get-Stats).pendingFaults | Should -Be 0
        (Get-Stats).routes.'POST /v1/playlists/{id}/items' | Should -Be 10
        @(Get-MyPlaylists 'Answer lost').Count | Should -Be 1
        @(Get-FakeItems $result.TargetId) | Should -Be $script:Large
        $result.Added | Should -Be 1000
    }
}
