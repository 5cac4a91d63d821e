# Import-SpotifyDataExport's YourLibrary.json and Playlist*.json against the built module: a vault made from an export
# alone lists the export's playlists, their items in order (now and -AsOf the export's date) and its liked songs;
# every expected number comes from the generator's manifest.json.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:SavedHome = $env:MUSIVAULT_HOME
    $script:SavedVault = $env:MUSIVAULT_VAULT
    $script:TestHome = New-TestHome
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = $null
    Import-Module (Get-TestModulePath) -Force
    $generator = Get-FakeProgram -Kind Spotify
    $script:Export = Join-Path $script:TestHome 'export'
    $out = & dotnet $generator --generate-export $script:Export --plays 500 --years 1 --seed 3 2>&1
    if ($LASTEXITCODE -ne 0) { throw "The generator failed: $($out -join "`n")" }
    $script:Manifest = Get-Content (Join-Path $script:Export 'manifest.json') -Raw | ConvertFrom-Json
    $script:Vault = Join-Path $script:TestHome 'alone.db'
    $script:First = Import-SpotifyDataExport $script:Export -Vault $script:Vault
}

AfterAll {
    Remove-Module MusiVault -Force -ErrorAction SilentlyContinue
    $env:MUSIVAULT_HOME = $script:SavedHome
    $env:MUSIVAULT_VAULT = $script:SavedVault
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Import-SpotifyDataExport: library and playlists' {
    It 'counts the library items and playlists' {
        $script:First.Playlists | Should -Be $script:Manifest.playlists
        $script:First.LibraryItems | Should -Be (($script:Manifest.libraryItems.PSObject.Properties.Value | Measure-Object -Sum).Sum)
    }

    It 'Get-VaultPlaylist lists the export''s playlists with their item counts' {
        $playlists = @(Get-VaultPlaylist -Vault $script:Vault)
        $playlists.Count | Should -Be $script:Manifest.playlists
        $playlists | ForEach-Object { $_.Id | Should -Match '^export:[0-9a-f]{16}$' }
        ($playlists | Measure-Object TrackCount -Sum).Sum | Should -Be $script:Manifest.playlistItems
    }

    It 'Get-VaultTrack -Playlist lists each playlist''s items in order, now and -AsOf the export''s date' {
        $exportDate = (Get-VaultPlay -Vault $script:Vault -IncludeSkipped | Measure-Object EndedAt -Maximum).Maximum
        $total = 0
        foreach ($playlist in Get-VaultPlaylist -Vault $script:Vault) {
            $now = @(Get-VaultTrack -Vault $script:Vault -Playlist $playlist.Id)
            $then = @(Get-VaultTrack -Vault $script:Vault -Playlist $playlist.Id -AsOf $exportDate)
            @($now.Position) | Should -Be @(0..($now.Count - 1) | Where-Object { $now.Count -gt 0 })
            @($then | ForEach-Object { "$($_.Uri)|$($_.Name)" }) | Should -Be @($now | ForEach-Object { "$($_.Uri)|$($_.Name)" })
            $total += $now.Count
        }
        $total | Should -Be $script:Manifest.playlistItems
        @(Get-VaultTrack -Vault $script:Vault -Playlist 'Empty playlist').Count | Should -Be 0
    }

    It 'Get-VaultTrack -Liked lists the liked songs of YourLibrary.json, name-only ones as local files' {
        $liked = @(Get-VaultTrack -Vault $script:Vault -Liked)
        $liked.Count | Should -Be $script:Manifest.libraryItems.tracks
        @($liked | Where-Object IsLocal).Count | Should -BeGreaterThan 0
    }

    It 'a re-import adds nothing' {
        $before = @(Get-VaultTrack -Vault $script:Vault -Liked).Count
        $again = Import-SpotifyDataExport $script:Export -Vault $script:Vault
        $again.PlaysAdded | Should -Be 0
        $again.Playlists | Should -Be $script:Manifest.playlists
        @(Get-VaultPlaylist -Vault $script:Vault).Count | Should -Be $script:Manifest.playlists
        @(Get-VaultTrack -Vault $script:Vault -Liked).Count | Should -Be $before
    }
}
