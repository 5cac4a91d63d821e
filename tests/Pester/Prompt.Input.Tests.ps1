# Issue 13, input at the prompt: what -Playlist accepts, completion of -Album/-Show/Drive -Profile/backup -Id,
# Connect-Spotify's message for a refused token, and the Google Drive connection pair.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:Names = 'MUSIVAULT_HOME', 'MUSIVAULT_VAULT', 'MUSIVAULT_SPOTIFY_API_URL', 'MUSIVAULT_SPOTIFY_ACCOUNTS_URL',
        'MUSIVAULT_GOOGLE_AUTH_URL', 'MUSIVAULT_GOOGLE_TOKEN_URL', 'MUSIVAULT_DRIVE_API_URL', 'MUSIVAULT_GOOGLE_CLIENT_ID'
    $script:Saved = @{}
    foreach ($name in $script:Names) { $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    $script:TestHome = New-TestHome
    $script:Spotify = Start-FakeSpotify -Preset Small -Seed 11
    $script:Drive = Start-FakeDrive
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = Join-Path $script:TestHome 'vault.db'
    $env:MUSIVAULT_SPOTIFY_API_URL = $script:Spotify.ApiUrl
    $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Spotify.AccountsUrl
    $env:MUSIVAULT_GOOGLE_AUTH_URL = $script:Drive.AuthUrl
    $env:MUSIVAULT_GOOGLE_TOKEN_URL = $script:Drive.TokenUrl
    $env:MUSIVAULT_DRIVE_API_URL = $script:Drive.ApiUrl
    $env:MUSIVAULT_GOOGLE_CLIENT_ID = $null
    Import-Module (Get-TestModulePath) -Force
    $ErrorActionPreference = 'Stop'
    $null = Connect-Spotify -ClientId $script:Spotify.ClientId -RefreshToken $script:Spotify.RefreshToken
    $null = Sync-SpotifyLibrary
    $ErrorActionPreference = 'Continue'
    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
}

AfterAll {
    Stop-Fake $script:Spotify
    Stop-Fake $script:Drive
    foreach ($name in $script:Names) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
    Remove-Module MusiVault -ErrorAction SilentlyContinue
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe '-Playlist accepts ids, URIs, open.spotify.com links and wildcards' {
    BeforeAll {
        $script:Playlist = Get-VaultPlaylist | Where-Object { $_.ItemsAvailable -ne $false -and $_.TrackCount -gt 0 } | Select-Object -First 1
        $script:Expected = @(Get-VaultTrack -Playlist $script:Playlist.Id).Uri
    }

    It 'lists the same entries for <Form>' -ForEach @(
        @{ Form = 'the URI' }, @{ Form = 'a share link with ?si=' }, @{ Form = 'an /intl-de/ link' }, @{ Form = 'the name as a wildcard' }
    ) {
        $id = $script:Playlist.Id
        $text = switch ($Form) {
            'the URI' { "spotify:playlist:$id" }
            'a share link with ?si=' { "https://open.spotify.com/playlist/$id`?si=0123abcd" }
            'an /intl-de/ link' { "https://open.spotify.com/intl-de/playlist/$id" }
            'the name as a wildcard' { ([WildcardPattern]::Escape($script:Playlist.Name.Substring(0, 3))) + '*' }
        }
        $script:Expected.Count | Should -BeGreaterThan 0
        $actual = @(Get-VaultTrack -Playlist $text)
        if ($Form -eq 'the name as a wildcard') {
            $matching = @(Get-VaultPlaylist -Name $text)
            $actual.Count | Should -Be (($matching | ForEach-Object { @(Get-VaultTrack -Playlist $_.Id).Count }) | Measure-Object -Sum).Sum
            $actual.Playlist | Should -Contain $script:Playlist.Name
        }
        else {
            $actual.Uri | Should -Be $script:Expected
        }
    }

    It 'a link to something else than a playlist is a clear error' {
        $failure = $null
        try { Get-VaultTrack -Playlist 'https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy' -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'PlaylistLinkInvalid,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Completion' {
    It 'completes -Album with album names from the vault' {
        $album = (Get-VaultAlbum -First 1).Name
        $typed = $album.Substring(0, [Math]::Min(3, $album.Length))
        $results = Complete "Get-VaultTrack -Album '$typed"
        $results.Count | Should -BeGreaterThan 0
        ($results | ForEach-Object { $_.Trim("'") -replace '`', '' }) | Should -Contain ($album -replace "'", "''")
    }

    It 'completes -Show with show names from the vault' {
        $show = (Get-VaultShow -First 1).Name
        $results = Complete "Get-VaultEpisode -Show '$($show.Substring(0, [Math]::Min(3, $show.Length)))"
        $results.Count | Should -BeGreaterThan 0
        ($results | ForEach-Object { $_.Trim("'") -replace '`', '' }) | Should -Contain ($show -replace "'", "''")
    }

    It 'completes a Drive -Profile with Drive profiles, not file names' {
        $null = Connect-GoogleDrive -Profile drivecomp -ClientId $script:Drive.ClientId -RefreshToken $script:Drive.RefreshToken
        Push-Location $script:TestHome
        try {
            New-Item -ItemType File -Force -Path (Join-Path $script:TestHome 'dfile.txt') | Out-Null
            foreach ($command in 'Backup-VaultToDrive', 'Get-VaultBackup', 'Restore-VaultFromDrive', 'Get-GoogleDriveConnection', 'Disconnect-GoogleDrive') {
                Complete "$command -Profile d" | Should -Be @('drivecomp') -Because $command
            }
        }
        finally { Pop-Location }
    }

    It 'completes Restore-VaultFromDrive -Id with the backups on Drive' {
        $backup = Backup-VaultToDrive -Profile drivecomp
        Complete 'Restore-VaultFromDrive -Profile drivecomp -Id ' | Should -Contain $backup.Id
        Complete 'Restore-VaultFromDrive -Profile nobody -Id ' | Should -Be @()
    }
}

Describe 'Connect-Spotify -RefreshToken with a refused token' {
    It 'says the given token was refused and what to do, not to run Connect-Spotify again' {
        $null = Connect-Spotify -Profile other -ClientId $script:Spotify.ClientId -RefreshToken 'not-a-token-spotify-issued' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SpotifyRefreshTokenRefused,*'
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $message = $failures[0].Exception.Message
        $message | Should -Match 'given with -RefreshToken'
        $message | Should -Not -Match 'stored refresh token'
        $message | Should -Match 'without -RefreshToken'
        $message | Should -Not -Match 'not-a-token-spotify-issued'
    }
}

Describe 'Get-GoogleDriveConnection and Disconnect-GoogleDrive' {
    BeforeAll {
        $null = Connect-GoogleDrive -Profile pair1 -ClientId $script:Drive.ClientId -RefreshToken $script:Drive.RefreshToken
        $null = Connect-GoogleDrive -Profile pair2 -ClientId $script:Drive.ClientId -RefreshToken $script:Drive.RefreshToken
    }

    It 'lists every Drive profile and shows no secret' {
        $all = @(Get-GoogleDriveConnection)
        $all.Profile | Should -Contain 'pair1'
        $all.Profile | Should -Contain 'pair2'
        $all[0].GetType().FullName | Should -Be 'MusiVault.GoogleDriveConnection'
        ($all | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($script:Drive.RefreshToken))
        (Get-GoogleDriveConnection -Profile pair1).ClientId | Should -Be $script:Drive.ClientId
    }

    It 'a profile without a Drive connection is a non-terminating GoogleDriveNotConnected error' {
        $out = Get-GoogleDriveConnection -Profile nobody, pair1 -ErrorVariable failures -ErrorAction SilentlyContinue
        @($out).Profile | Should -Be @('pair1')
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GoogleDriveNotConnected,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'Disconnect-GoogleDrive honours -WhatIf, then forgets the profile and keeps its Spotify files' {
        $folder = Join-Path $script:TestHome 'profiles/pair2'
        Set-Content -Path (Join-Path $folder 'spotify-other.json') -Value '{}'
        Disconnect-GoogleDrive -Profile pair2 -WhatIf
        (Get-GoogleDriveConnection -Profile pair2).Profile | Should -Be 'pair2'
        Get-GoogleDriveConnection -Profile pair2 | Disconnect-GoogleDrive -Confirm:$false
        Get-GoogleDriveConnection -Profile pair2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Test-Path (Join-Path $folder 'google.token') | Should -BeFalse
        Test-Path (Join-Path $folder 'spotify-other.json') | Should -BeTrue
        Disconnect-GoogleDrive -Profile pair2 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GoogleDriveNotConnected,*'
    }
}
