# The Get-Vault* readers against a vault the built module synced from the fake Spotify (in a child pwsh): what the
# vault lists equals what the fake's Web API serves. Query.Tests.ps1 tests the readers against a seeded vault.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:SavedHome = $env:MUSIVAULT_HOME
    $script:SavedVault = $env:MUSIVAULT_VAULT
    $script:TestHome = New-TestHome
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = $null
    Import-Module (Get-TestModulePath) -Force
}

AfterAll {
    $env:MUSIVAULT_HOME = $script:SavedHome
    $env:MUSIVAULT_VAULT = $script:SavedVault
    Remove-Module MusiVault -ErrorAction SilentlyContinue
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Against a vault synced from the fake Spotify' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $script:Fake = Start-FakeSpotify -RepoRoot $repo -Preset Small -Seed 11
        $script:FakeVault = Join-Path $script:TestHome 'synced.db'
        $fakeHome = New-Item -ItemType Directory -Force -Path (Join-Path $script:TestHome 'fake-home')
        $environment = @{ MUSIVAULT_HOME = $fakeHome.FullName; MUSIVAULT_VAULT = $null
            MUSIVAULT_SPOTIFY_API_URL = $script:Fake.ApiUrl; MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl }
        $out = Invoke-FreshPwsh -Environment $environment -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-TestModulePath)'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
'status=' + (Sync-SpotifyLibrary -Vault '$($script:FakeVault)').Status
"@
        if ($out -notcontains 'status=succeeded') { throw "The sync from the fake failed: $($out -join "`n")" }

        # The fake's own view, read over its Web API with a token of our own: the expected side of every test here.
        $grant = Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/refresh-token"
        $token = Invoke-RestMethod -Method Post "$($script:Fake.AccountsUrl.TrimEnd('/'))/api/token" -Body @{
            grant_type = 'refresh_token'; refresh_token = $grant.refreshToken; client_id = $grant.clientId }
        $headers = @{ Authorization = "Bearer $($token.access_token)" }
        function script:Get-FakePages([string] $Url) { while ($Url) { $page = Invoke-RestMethod -Uri $Url -Headers $headers; $page.items; $Url = $page.next } }
        $api = $script:Fake.ApiUrl
        $script:FakePlaylists = @(Get-FakePages "$api/me/playlists?limit=50")
        $script:FakeEntries = @{}
        foreach ($p in $script:FakePlaylists) {
            try { $script:FakeEntries[$p.id] = @(Get-FakePages "$api/playlists/$($p.id)/items?limit=50") }
            catch [Microsoft.PowerShell.Commands.HttpResponseException] {
                # Refused to this app (403/404): the vault marks it unavailable.
                if ([int]$_.Exception.Response.StatusCode -notin 403, 404) { throw }
                $script:FakeEntries[$p.id] = $null
            }
        }
        $script:FakeLiked = @(Get-FakePages "$api/me/tracks?limit=50")
    }

    AfterAll {
        Stop-Fake $script:Fake
    }

    It 'lists every playlist of the fake, with the fake''s entry count' {
        $playlists = @(Get-VaultPlaylist -Vault $script:FakeVault)
        $playlists.Id | Sort-Object | Should -Be ($script:FakePlaylists.id | Sort-Object)
        foreach ($p in $script:FakePlaylists) {
            $vault = $playlists | Where-Object Id -EQ $p.id
            $total = if ($p.items) { $p.items.total } else { $p.tracks.total }
            $vault.TrackCount | Should -Be $total -Because $p.name
            $entries = @(Get-VaultTrack -Vault $script:FakeVault -Playlist $p.id)
            if ($null -eq $script:FakeEntries[$p.id]) {
                $vault.ItemsAvailable | Should -BeFalse -Because "$($p.name) is refused by the fake"
                $entries.Count | Should -Be 0
            }
            else {
                $entries.Count | Should -Be $script:FakeEntries[$p.id].Count -Because $p.name
            }
        }
        @($script:FakeEntries.Values | Where-Object { $null -ne $_ }).Count | Should -BeGreaterThan 0
    }

    It 'lists each playlist position by position as the fake returns it' {
        foreach ($p in $script:FakePlaylists | Where-Object { $null -ne $script:FakeEntries[$_.id] }) {
            $entries = @(Get-VaultTrack -Vault $script:FakeVault -Playlist $p.id)
            $fake = $script:FakeEntries[$p.id]
            for ($i = 0; $i -lt $fake.Count; $i++) {
                $item = if ($fake[$i].PSObject.Properties['item']) { $fake[$i].item } else { $fake[$i].track }
                $entries[$i].Position | Should -Be $i
                if ($item) {
                    $entries[$i].Uri | Should -Be $item.uri -Because "$($p.name) #$i"
                    $entries[$i].Name | Should -Be $item.name -Because "$($p.name) #$i"
                    $entries[$i].IsLocal | Should -Be ([bool]$fake[$i].is_local)
                }
                else {
                    $entries[$i].IsAvailable | Should -BeFalse -Because "$($p.name) #$i has no item"
                }
            }
        }
    }

    It 'piping every playlist into Get-VaultTrack gives all their entries' {
        $expected = ($script:FakeEntries.Values | Where-Object { $null -ne $_ } | ForEach-Object { $_.Count } | Measure-Object -Sum).Sum
        @(Get-VaultPlaylist -Vault $script:FakeVault | Get-VaultTrack -Vault $script:FakeVault).Count | Should -Be $expected
    }

    It 'lists the liked songs of the fake in its order, and filters them like -like' {
        $liked = @(Get-VaultTrack -Vault $script:FakeVault -Liked)
        $liked.Uri | Should -Be $script:FakeLiked.track.uri
        $liked.ArtistNames | Should -Be @($script:FakeLiked.track | ForEach-Object { @($_.artists.name) -join '; ' }) # as a real sync stores them
        foreach ($pattern in '*a*', '*%*', '*_*', "*'*", '*;*', '[a-m]*', '*é*', '*`[*', '??*', "x'); DROP*") {
            $expected = @($script:FakeLiked.track | Where-Object { $_.name -like $pattern }).uri
            @(Get-VaultTrack -Vault $script:FakeVault -Liked -Name $pattern).Uri | Should -Be $expected -Because "-Name '$pattern'"
            $byArtist = @($script:FakeLiked.track | Where-Object { @($_.artists.name | Where-Object { $_ -like $pattern }).Count -gt 0 }).uri
            @(Get-VaultTrack -Vault $script:FakeVault -Liked -Artist $pattern).Uri | Should -Be $byArtist -Because "-Artist '$pattern'"
        }
    }

    It 'records the sync run' {
        $run = Get-VaultSyncRun -Vault $script:FakeVault -Last 1
        $run.Status | Should -Be 'succeeded'
        $run.Requests | Should -BeGreaterThan 0
        (Get-VaultInfo -Vault $script:FakeVault).LikedTracks | Should -Be $script:FakeLiked.Count
    }
}
