# Issue 13, behaviour at the prompt: damaged vaults, change ids, piping one kind into another, -ErrorAction, typed
# sync runs, an empty selection, Get-VaultChange's order and filters, withheld playlists, Get-VaultInfo's counts.
# One vault synced from the fake Spotify (in a fresh pwsh); the module is imported here for the reads.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:Saved = @{}
    foreach ($name in 'MUSIVAULT_HOME', 'MUSIVAULT_VAULT', 'MUSIVAULT_SPOTIFY_API_URL', 'MUSIVAULT_SPOTIFY_ACCOUNTS_URL') {
        $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $script:TestHome = New-TestHome
    $script:Fake = Start-FakeSpotify -Preset Small -Seed 11
    $script:Vault = Join-Path $script:TestHome 'vault.db'
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = $script:Vault
    $env:MUSIVAULT_SPOTIFY_API_URL = $script:Fake.ApiUrl
    $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
    $out = Invoke-FreshPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-TestModulePath)'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
'status=' + (Sync-SpotifyLibrary).Status
Invoke-RestMethod -Method Post -Uri '$($script:Fake.ControlUrl)/mutate?scenario=demo' | Out-Null
'status=' + (Sync-SpotifyLibrary).Status
"@
    if ($out -notcontains 'status=succeeded') { throw "The sync from the fake failed: $($out -join "`n")" }
    Import-Module (Get-TestModulePath) -Force
}

AfterAll {
    Stop-Fake $script:Fake
    foreach ($name in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
    Remove-Module MusiVault -ErrorAction SilentlyContinue
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Test-VaultIntegrity on a damaged vault (bug 1)' {
    BeforeAll {
        $script:Bytes = [IO.File]::ReadAllBytes($script:Vault)
        $script:PageSize = [int]$script:Bytes[16] * 256 + [int]$script:Bytes[17]
        function script:New-Damaged([string] $Name, [byte[]] $Content) {
            $path = Join-Path $script:TestHome $Name
            [IO.File]::WriteAllBytes($path, $Content)
            $path
        }
    }

    It 'reports <Case> as IsValid = $false with the problems listed, without throwing' -ForEach @(
        @{ Case = 'corrupt pages' }, @{ Case = 'a truncated file' }, @{ Case = 'an empty file' }, @{ Case = 'a file that is not a database' }
    ) {
        $content = switch ($Case) {
            'corrupt pages' {
                $copy = [byte[]]$script:Bytes.Clone()
                $garbage = [byte[]](1..($script:PageSize * 3) | ForEach-Object { ($_ * 37) % 251 })
                [Array]::Copy($garbage, 0, $copy, $script:PageSize * 2, [Math]::Min($garbage.Length, $copy.Length - $script:PageSize * 2))
                $copy
            }
            'a truncated file' { [byte[]]$script:Bytes[0..([int]($script:Bytes.Length / 3))] }
            'an empty file' { [byte[]]@() }
            'a file that is not a database' { [Text.Encoding]::UTF8.GetBytes("just some text`n" * 50) }
        }
        if ($null -eq $content) { $content = [byte[]]::new(0) } # switch unrolls an empty array to nothing
        $path = New-Damaged -Name "damaged-$($Case -replace ' ', '-').db" -Content $content
        $result = Test-VaultIntegrity -Vault $path -ErrorAction Stop
        $result.IsValid | Should -BeFalse
        @($result.Problems).Count | Should -BeGreaterThan 0
        $result.Problems -join ' ' | Should -Not -BeNullOrEmpty
        $result.Fingerprint | Should -BeNullOrEmpty
        $result.Path | Should -Be $path
    }

    It 'reports a sound vault as valid with its fingerprint' {
        $result = Test-VaultIntegrity
        $result.IsValid | Should -BeTrue
        @($result.Problems).Count | Should -Be 0
        $result.Fingerprint | Should -Match '^[0-9a-f]{64}$'
    }

    It 'reports a missing path as VaultNotFound' {
        { Test-VaultIntegrity -Vault (Join-Path $script:TestHome 'none.db') -ErrorAction Stop } | Should -Throw -ErrorId 'VaultNotFound,*'
    }
}

Describe 'VaultChange.Id (bug 3)' {
    It 'is the table''s id: unique, positive, newest first' {
        $changes = @(Get-VaultChange)
        $changes.Count | Should -BeGreaterThan 1
        $changes.Id | Should -Not -Contain 0
        @($changes.Id | Sort-Object -Unique).Count | Should -Be $changes.Count
        $changes.Id | Should -Be @($changes.Id | Sort-Object -Descending)
    }
}

Describe 'Piping one kind into another (bug 4)' {
    It 'pins the parameter sets: our objects bind -InputObject by type, others bind -Id by property name' {
        $track = Get-Command Get-VaultTrack
        @($track.ParameterSets.Name | Sort-Object) | Should -Be @('ById', 'Library', 'Related')
        $inputParameter = $track.Parameters['InputObject']
        $inputParameter.ParameterType.FullName | Should -Be 'MusiVault.IVaultObject'
        $inputParameter.ParameterSets['Related'].ValueFromPipeline | Should -BeTrue
        $inputParameter.ParameterSets['Related'].IsMandatory | Should -BeTrue
        $track.Parameters['Id'].ParameterSets.Keys | Should -Be @('ById')
        $track.Parameters['Id'].ParameterSets['ById'].ValueFromPipelineByPropertyName | Should -BeTrue
        foreach ($name in 'Get-VaultAlbum', 'Get-VaultArtist', 'Get-VaultShow', 'Get-VaultEpisode', 'Get-VaultPlaylist') {
            $command = Get-Command $name
            @($command.ParameterSets.Name | Sort-Object) | Should -Be @('Query', 'Related') -Because $name
            $command.DefaultParameterSet | Should -Be 'Query' -Because $name
            $command.Parameters['InputObject'].ParameterType.FullName | Should -Be 'MusiVault.IVaultObject' -Because $name
            $command.Parameters['Id'].ParameterSets.Keys | Should -Be @('Query') -Because $name
        }
    }

    It 'Get-VaultArtist -Name X | Get-VaultTrack lists the artist''s tracks' {
        $artist = Get-VaultArtist | Where-Object TrackCount -GT 0 | Select-Object -First 1
        $artist | Should -Not -BeNullOrEmpty
        $tracks = @(Get-VaultArtist -Name ([WildcardPattern]::Escape($artist.Name)) | Where-Object Id -EQ $artist.Id | Get-VaultTrack -IncludeRemoved)
        $tracks.Count | Should -Be $artist.TrackCount
        foreach ($t in $tracks) { $t.Artists | Should -Contain $artist.Name }
    }

    It 'Get-VaultAlbum | Get-VaultTrack lists each album''s tracks' {
        $albums = @(Get-VaultAlbum -First 3)
        $albums.Count | Should -BeGreaterThan 0
        $tracks = @($albums | Get-VaultTrack -IncludeRemoved)
        $tracks.Count | Should -BeGreaterThan 0
        $tracks.AlbumId | Sort-Object -Unique | Should -BeIn $albums.Id
        foreach ($a in $albums) {
            @($tracks | Where-Object AlbumId -EQ $a.Id).Count | Should -Be @(Get-VaultTrack -IncludeRemoved | Where-Object AlbumId -EQ $a.Id).Count
        }
    }

    It 'Get-VaultShow | Get-VaultEpisode lists the show''s episodes' {
        $episode = Get-VaultEpisode | Where-Object ShowId | Select-Object -First 1
        $episode | Should -Not -BeNullOrEmpty -Because 'the fake has episodes of shows'
        $show = Get-VaultShow | Where-Object Id -EQ $episode.ShowId
        $episodes = @($show | Get-VaultEpisode)
        $episodes.Uri | Should -Contain $episode.Uri
        $episodes.ShowId | Sort-Object -Unique | Should -Be $show.Id
    }

    It 'Get-VaultTopItem | Get-VaultTrack: a top track gives that track, a top artist that artist''s tracks' {
        $topTrack = Get-VaultTopItem -Type Track | Select-Object -First 1
        $topTrack | Should -Not -BeNullOrEmpty
        @($topTrack | Get-VaultTrack).Uri | Should -Be @($topTrack.ItemKey)
        $topArtist = Get-VaultTopItem -Type Artist | Where-Object { (Get-VaultArtist | Where-Object Id -EQ $_.Id).TrackCount -gt 0 } | Select-Object -First 1
        $topArtist | Should -Not -BeNullOrEmpty
        $tracks = @($topArtist | Get-VaultTrack -IncludeRemoved)
        $tracks.Count | Should -Be (Get-VaultArtist | Where-Object Id -EQ $topArtist.Id).TrackCount
    }

    It 'Get-VaultTrack | Get-VaultAlbum gives the track''s album' {
        $track = Get-VaultTrack | Where-Object AlbumId | Select-Object -First 1
        @($track | Get-VaultAlbum).Id | Should -Be @($track.AlbumId)
    }

    It 'Get-VaultPlaylist | Get-VaultAlbum is a non-terminating VaultNoRelation error per input, not an empty result' {
        $playlists = @(Get-VaultPlaylist -First 2)
        $playlists.Count | Should -Be 2
        $out = @($playlists | Get-VaultAlbum -ErrorVariable failures -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $failures.Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -Be 'VaultNoRelation,MusiVault.Commands.GetVaultAlbumCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -Match 'Get-VaultTrack'
        $failures[0].TargetObject.Id | Should -Be $playlists[0].Id
    }

    It 'objects that are not ours still bind -Id by property name' {
        $track = Get-VaultTrack -First 1
        @([pscustomobject]@{ Id = $track.Id } | Get-VaultTrack).Uri | Should -Be @($track.Uri)
        @([pscustomobject]@{ TrackId = $track.Id } | Get-VaultTrack).Uri | Should -Be @($track.Uri)
    }
}

Describe '-ErrorAction is honoured (bug 5)' {
    It 'Get-VaultTrack -Vault <missing> -ErrorAction <Action> writes nothing to the error stream and sets $? to false' -ForEach @(
        @{ Action = 'SilentlyContinue' }, @{ Action = 'Ignore' }
    ) {
        $missing = Join-Path $script:TestHome 'nope.db'
        $out = Get-VaultTrack -Vault $missing -ErrorAction $Action 2>&1
        $ok = $?
        @($out).Count | Should -Be 0
        $ok | Should -BeFalse
    }

    It 'try/catch sees the error with -ErrorAction Stop' {
        $caught = $null
        try { Get-VaultTrack -Vault (Join-Path $script:TestHome 'nope.db') -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'VaultNotFound,*'
    }
}

Describe 'Get-VaultSyncRun (bug 6) and an empty selection (bug 7)' {
    It 'returns Collections typed, the same type as Sync-SpotifyLibrary' {
        $run = Get-VaultSyncRun -Last 1
        $run.Collections.Count | Should -BeGreaterThan 0
        $run.Collections[0].GetType().FullName | Should -Be 'MusiVault.SyncCollectionResult'
        (Get-Command Sync-SpotifyLibrary).OutputType.Type.GetProperty('Collections').PropertyType |
            Should -Be ($run.Collections.GetType())
        $run.Collections.Collection | Should -Contain 'LikedSongs'
    }

    It 'a sync with nothing selected is NothingToSync (InvalidArgument) and records no run' {
        $runs = @(Get-VaultSyncRun).Count
        $out = Sync-SpotifyLibrary -Include LikedSongs -Exclude LikedSongs -ErrorVariable failures -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NothingToSync,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-VaultSyncRun).Count | Should -Be $runs
    }
}

Describe 'Get-VaultChange: order and filters' {
    It '-First 5 is the latest 5' {
        $all = @(Get-VaultChange)
        @(Get-VaultChange -First 5).Id | Should -Be @($all | Sort-Object Id -Descending | Select-Object -First 5).Id
    }

    It 'filters by -After/-Before (-Since kept as an alias), -Name, -Playlist and -Kind' {
        $all = @(Get-VaultChange)
        $pivot = $all[[int]($all.Count / 2)].ObservedAt
        @(Get-VaultChange -After $pivot).Id | Should -Be @($all | Where-Object ObservedAt -GE $pivot).Id
        @(Get-VaultChange -Since $pivot).Id | Should -Be @($all | Where-Object ObservedAt -GE $pivot).Id
        @(Get-VaultChange -Before $pivot).Id | Should -Be @($all | Where-Object ObservedAt -LT $pivot).Id
        $named = $all | Where-Object Name | Select-Object -First 1
        @(Get-VaultChange -Name ([WildcardPattern]::Escape($named.Name))).Id | Should -Be @($all | Where-Object Name -EQ $named.Name).Id
        $inPlaylist = $all | Where-Object PlaylistId | Select-Object -First 1
        if ($inPlaylist) {
            $expected = @($all | Where-Object { $_.PlaylistId -eq $inPlaylist.PlaylistId -or ($_.EntityType -eq 'playlist' -and $_.EntityId -eq $inPlaylist.PlaylistId) }).Id
            @(Get-VaultChange -Playlist "https://open.spotify.com/playlist/$($inPlaylist.PlaylistId)?si=abc").Id | Should -Be $expected
        }
        @(Get-VaultChange -Kind added).Kind | Sort-Object -Unique | Should -Be @('added')
    }

    It 'an unknown -Kind is an error listing the kinds' {
        $failure = $null
        try { Get-VaultChange -Kind 'renamd' -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'VaultChangeKindUnknown,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        foreach ($kind in [MusiVault.VaultChangeKind]::All) { $failure.Exception.Message | Should -Match "\b$kind\b" }
    }
}

Describe 'Playlists whose items Spotify withheld' {
    It 'warns once that the items are not archived' {
        $withheld = Get-VaultPlaylist | Where-Object ItemsAvailable -EQ $false | Select-Object -First 1
        $withheld | Should -Not -BeNullOrEmpty -Because 'the fake refuses some playlists'' items'
        $rows = @(Get-VaultTrack -Playlist $withheld.Id -WarningVariable warnings -WarningAction SilentlyContinue)
        $rows.Count | Should -Be 0
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'not archived'
        "$($warnings[0])" | Should -Match ([regex]::Escape($withheld.Name))
    }
}

Describe 'Get-VaultInfo counts agree with the readers' {
    It 'Tracks = Get-VaultTrack, KnownTracks = Get-VaultTrack -IncludeRemoved, RemovedTracks = the difference' {
        $info = Get-VaultInfo
        $info.Tracks | Should -Be @(Get-VaultTrack).Count
        $info.KnownTracks | Should -Be @(Get-VaultTrack -IncludeRemoved).Count
        $info.RemovedTracks | Should -Be ($info.KnownTracks - $info.Tracks)
        $info.Playlists | Should -Be @(Get-VaultPlaylist).Count
        $info.Albums | Should -Be @(Get-VaultAlbum).Count
        $info.Artists | Should -Be @(Get-VaultArtist).Count
        $info.Episodes | Should -Be @(Get-VaultEpisode).Count
    }
}

# Last: revoking the fake's tokens ends every later call that needs Spotify.
Describe 'A revoked token' {
    It 'Sync-SpotifyLibrary -ErrorAction SilentlyContinue writes nothing and $? is false; with Stop, try/catch sees it' {
        Invoke-RestMethod -Method Post -Uri "$($script:Fake.AccountsUrl)/_fake/faults?revokeRefreshTokens=true&expireTokens=true" | Out-Null
        $out = Invoke-FreshPwsh -Script @"
Import-Module '$(Get-TestModulePath)'
`$r = Sync-SpotifyLibrary -ErrorAction SilentlyContinue 2>&1
`$ok = `$?
'quiet=' + (@(`$r).Count -eq 0) + ' ok=' + `$ok
try { Sync-SpotifyLibrary -ErrorAction Stop; 'caught=none' } catch { 'caught=' + `$_.FullyQualifiedErrorId }
"@
        $out | Should -Contain 'quiet=True ok=False'
        ($out | Where-Object { "$_" -like 'caught=*' }) | Should -BeLike 'caught=SpotifyReauthenticationRequired,*'
    }
}
