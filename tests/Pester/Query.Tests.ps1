# The Get-Vault* readers against a seeded vault, in the Pester process (module imported once). Every expected
# result is computed from the seed data with PowerShell's own -like, so the SQL translation is checked against
# the real thing.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'data/QuerySeed.ps1')
    $script:SavedHome = $env:MUSIVAULT_HOME
    $script:SavedVault = $env:MUSIVAULT_VAULT
    $script:TestHome = New-TestHome
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = $null
    Import-Module (Get-TestModulePath) -Force
    $script:Vault = Join-Path $script:TestHome 'query.db'
    $script:Seed = Get-QuerySeed
    New-QuerySeedVault -Path $script:Vault -Seed $script:Seed
    $script:Hash = Get-VaultContentHash $script:Vault
    $PSDefaultParameterValues = @{ 'Get-Vault*:Vault' = $script:Vault }

    $s = $script:Seed
    $script:Library = @($s.Tracks | Where-Object {
            $uri = $_.Uri
            ($s.Likes | Where-Object { $_.Uri -eq $uri -and -not $_.RemovedAt }) -or
            ($s.Playlists | Where-Object { -not $_.DeletedAt -and $_.Entries.Uri -contains $uri }) -or
            ($s.SavedEpisodes | Where-Object { $_.Uri -eq $uri -and -not $_.RemovedAt })
        })
    function script:ArtistNamesOf($track) {
        if ($track.Type -eq 'local') { return @('Home Band') }
        @($track.Artists | ForEach-Object { $id = $_; ($s.Artists | Where-Object Id -EQ $id).Name })
    }
    function script:AlbumOf($track) {
        if ($track.AlbumId) { return ($s.Albums | Where-Object Id -EQ $track.AlbumId).Name }
        if ($track.ShowId) { return ($s.Shows | Where-Object Id -EQ $track.ShowId).Name } # as a sync stores an episode
        $track.AlbumName
    }
    $script:Patterns = @('*', 'éclair*', 'É*', '*NOIR', '*%*', '100%*', '100`%*', '*_*', 'under_score', 'under?score',
        '*`[*', '[[]*', '*;*', "*'*", '[a-c]*', '[É]*', '*ß*', 'straße', 'STRASSE', 'emoji ? song', 'emoji ?? song',
        '*[0-9]*', 'Road Trip*', 'road trip', "Don't*", 'ça*', $script:Injection, '[Intro]', '`[Intro`]')
}

AfterAll {
    $env:MUSIVAULT_HOME = $script:SavedHome
    $env:MUSIVAULT_VAULT = $script:SavedVault
    Remove-Module MusiVault -ErrorAction SilentlyContinue
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Get-VaultTrack' {
    It 'lists the library now: liked, in a current playlist, or a saved episode' {
        $actual = @(Get-VaultTrack)
        $actual[0].GetType().FullName | Should -Be 'MusiVault.VaultTrack'
        $actual.Uri | Should -Be $script:Library.Uri
    }

    It '-Name <Pattern> equals -like over every item' -ForEach @(
        @{ Pattern = '*' }, @{ Pattern = 'éclair*' }, @{ Pattern = 'É*' }, @{ Pattern = '*%*' }, @{ Pattern = '100`%*' }, @{ Pattern = '*_*' },
        @{ Pattern = 'under?score' }, @{ Pattern = '*`[*' }, @{ Pattern = '[[]*' }, @{ Pattern = '*;*' }, @{ Pattern = "*'*" },
        @{ Pattern = '[a-c]*' }, @{ Pattern = 'straße' }, @{ Pattern = 'STRASSE' }, @{ Pattern = 'emoji ? song' }, @{ Pattern = 'emoji ?? song' },
        @{ Pattern = "x'); DROP TABLE tracks;--" }, @{ Pattern = '`[Intro`]' }, @{ Pattern = '[Intro]' },
        # NUL (issue 12): SQLite must not cut the pattern or the name at a NUL.
        @{ Pattern = "*`0*" }, @{ Pattern = "straße`0junk" }, @{ Pattern = "straß`0" }
    ) {
        $expected = @($script:Seed.Tracks | Where-Object { $_.Name -like $Pattern }).Uri
        @(Get-VaultTrack -Name $Pattern -IncludeRemoved).Uri | Should -Be $expected
    }

    It '-Artist and -Album equal -like for every pattern' {
        foreach ($p in $script:Patterns) {
            $byArtist = @($script:Seed.Tracks | Where-Object { @(ArtistNamesOf $_ | Where-Object { $_ -like $p }).Count -gt 0 }).Uri
            @(Get-VaultTrack -Artist $p -IncludeRemoved).Uri | Should -Be $byArtist -Because "-Artist '$p'"
            $byAlbum = @($script:Seed.Tracks | Where-Object { (AlbumOf $_) -like $p }).Uri
            @(Get-VaultTrack -Album $p -IncludeRemoved).Uri | Should -Be $byAlbum -Because "-Album '$p'"
        }
    }

    It '-Liked lists liked songs; -IncludeRemoved adds the unliked with RemovedAt' {
        @(Get-VaultTrack -Liked).Uri | Should -Be @($script:Seed.Likes | Where-Object { -not $_.RemovedAt }).Uri
        $all = @(Get-VaultTrack -Liked -IncludeRemoved)
        $all.Count | Should -Be $script:Seed.Likes.Count
        ($all | Where-Object Id -EQ 't08').RemovedAt.UtcDateTime | Should -Be ([datetime]::Parse('2024-06-10T00:00:00Z').ToUniversalTime())
    }

    It '-AddedAfter and -AddedBefore compare the liked date' {
        $after = [datetime]::Parse('2024-01-15T00:00:00Z').ToUniversalTime()
        $before = [datetime]::Parse('2024-04-15T00:00:00Z').ToUniversalTime()
        $expected = @($script:Seed.Likes | Where-Object { -not $_.RemovedAt -and [datetime]::Parse($_.AddedAt).ToUniversalTime() -gt $after -and [datetime]::Parse($_.AddedAt).ToUniversalTime() -lt $before }).Uri
        $expected.Count | Should -BeGreaterThan 0
        @(Get-VaultTrack -Liked -AddedAfter $after -AddedBefore $before).Uri | Should -Be $expected
    }

    It '-First returns the first N in order' {
        @(Get-VaultTrack -First 3).Uri | Should -Be @($script:Library | Select-Object -First 3).Uri
    }

    It '-Id and pipeline input by property name find any item' {
        @(Get-VaultTrack -Id t07, 'spotify:track:t05').Id | Should -Be @('t05', 't07')
        @([pscustomobject]@{ Id = 't07' }, [pscustomobject]@{ TrackId = 't02' } | Get-VaultTrack).Id | Should -Be @('t07', 't02')
        @(Get-VaultTrack -Liked -First 2 | Get-VaultTrack).Id | Should -Be @(Get-VaultTrack -Liked -First 2).Id
    }

    It '-Playlist <Playlist> lists every entry position by position' -ForEach @(
        @{ Playlist = 'Road Trip' }, @{ Playlist = 'pl1' }, @{ Playlist = 'spotify:playlist:pl2' }, @{ Playlist = "café; morning's" }, @{ Playlist = 'Old Mix' }
    ) {
        $p = $script:Seed.Playlists | Where-Object { $_.Id -eq $Playlist -or "spotify:playlist:$($_.Id)" -eq $Playlist -or $_.Name -eq $Playlist }
        $entries = @(Get-VaultTrack -Playlist $Playlist)
        $entries.Count | Should -Be $p.Entries.Count
        $entries.Position | Should -Be @(0..($p.Entries.Count - 1))
        $entries.Playlist | Select-Object -Unique | Should -Be $p.Name
        for ($i = 0; $i -lt $entries.Count; $i++) {
            $entries[$i].Uri | Should -Be $p.Entries[$i].Uri
            $entries[$i].IsAvailable | Should -Be ([bool]$p.Entries[$i].Available -and -not ($script:Seed.Tracks | Where-Object Uri -EQ $p.Entries[$i].Uri).Unavailable)
        }
    }

    It 'includes local files, episodes and vanished entries with their last known data' {
        $entries = @(Get-VaultTrack -Playlist pl1)
        $entries.Type | Should -Be @('track', 'local', 'episode', 'track', 'track', 'track')
        $entries[1].IsLocal | Should -BeTrue
        $entries[1].ArtistNames | Should -Be 'Home Band'
        $entries[3].Name | Should -Be 'Gone Song'
        $entries[3].IsAvailable | Should -BeFalse
        $entries[4].Uri | Should -BeNullOrEmpty
    }

    It 'reports an unknown playlist as a non-terminating error and goes on' {
        $out = @('pl3', 'nope', 'pl5') | ForEach-Object { [pscustomobject]@{ PlaylistId = $_ } } | Get-VaultTrack -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 2
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'PlaylistNotFound,MusiVault.Commands.GetVaultTrackCommand'
        { Get-VaultTrack -Playlist Twin -ErrorAction Stop } | Should -Throw -ErrorId 'PlaylistAmbiguous,MusiVault.Commands.GetVaultTrackCommand'
    }

    It 'refuses -Liked with a playlist, and -Playlist with -PlaylistId' {
        { Get-VaultTrack -Playlist pl1 -Liked -ErrorAction Stop } | Should -Throw -ErrorId 'LikedWithPlaylist,MusiVault.Commands.GetVaultTrackCommand'
        { Get-VaultTrack -Playlist pl1 -PlaylistId pl2 -ErrorAction Stop } | Should -Throw -ErrorId 'PlaylistConflict,MusiVault.Commands.GetVaultTrackCommand'
    }

    It 'refuses a bad wildcard with a stable error id' {
        { Get-VaultTrack -Name '[abc' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidWildcardPattern,MusiVault.Commands.GetVaultTrackCommand'
    }

    It 'reports a missing vault and does not create it' {
        $missing = Join-Path $script:TestHome 'missing/none.db'
        foreach ($command in 'Get-VaultInfo', 'Get-VaultTrack', 'Get-VaultPlaylist', 'Get-VaultAlbum', 'Get-VaultArtist', 'Get-VaultShow', 'Get-VaultEpisode', 'Get-VaultTopItem', 'Get-VaultRecentlyPlayed', 'Get-VaultChange', 'Get-VaultSyncRun') {
            $err = $null
            try { & $command -Vault $missing -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'VaultNotFound,*' -Because $command
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.TargetObject | Should -Be $missing
        }
        Test-Path $missing | Should -BeFalse
        Test-Path (Split-Path $missing) | Should -BeFalse
    }

    It 'reads a 0444 vault in a read-only folder and leaves it byte for byte' -Skip:$IsWindows {
        $folder = New-Item -ItemType Directory -Force (Join-Path $script:TestHome 'locked')
        $locked = Join-Path $folder 'vault.db'
        Copy-Item $script:Vault $locked
        $bytes, $mtime = [IO.File]::ReadAllBytes($locked), (Get-Item $locked).LastWriteTimeUtc
        chmod 0444 $locked; chmod 0555 $folder
        try {
            @(Get-VaultTrack -Vault $locked -IncludeRemoved).Uri | Should -Be @(Get-VaultTrack -IncludeRemoved).Uri
            (Get-VaultInfo -Vault $locked).Tracks | Should -Be (Get-VaultInfo).Tracks
            @(Get-VaultChange -Vault $locked).Count | Should -Be $script:Seed.Changes.Count
            $line = "Get-VaultTrack -Vault '$locked' -Playlist Old"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @("'Old Mix'")
        }
        finally { chmod 0755 $folder }
        [IO.File]::ReadAllBytes($locked) | Should -Be $bytes
        (Get-Item $locked).LastWriteTimeUtc | Should -Be $mtime
        # Root writes anywhere, so SQLite makes its WAL index there; anyone else reads the file as it is.
        if ((id -u) -ne '0') { @(Get-ChildItem $folder).Name | Should -Be @('vault.db') }
    }
}

Describe 'Get-VaultPlaylist' {
    It '-Name equals -like; -IncludeDeleted and -Owned filter' {
        foreach ($p in $script:Patterns) {
            @(Get-VaultPlaylist -Name $p).Id | Should -Be @($script:Seed.Playlists | Where-Object { -not $_.DeletedAt -and $_.Name -like $p }).Id -Because "-Name '$p'"
        }
        @(Get-VaultPlaylist -IncludeDeleted).Count | Should -Be $script:Seed.Playlists.Count
        @(Get-VaultPlaylist -Owned).Id | Should -Be @($script:Seed.Playlists | Where-Object { -not $_.DeletedAt -and $_.Owner -eq 'me' }).Id
        (Get-VaultPlaylist -Id pl4).DeletedAt | Should -Not -BeNullOrEmpty
    }

    It 'pipes into Get-VaultTrack: every entry of every matching playlist' {
        $entries = @(Get-VaultPlaylist -Name 'Road*' | Get-VaultTrack)
        $expected = @($script:Seed.Playlists | Where-Object { -not $_.DeletedAt -and $_.Name -like 'Road*' })
        $entries.Count | Should -Be ($expected | ForEach-Object { $_.Entries.Count } | Measure-Object -Sum).Sum
        $entries.Playlist | Select-Object -Unique | Should -Be $expected.Name
        foreach ($p in Get-VaultPlaylist -IncludeDeleted) {
            @($p | Get-VaultTrack).Count | Should -Be $p.TrackCount -Because $p.Name
        }
    }
}

Describe 'The other readers' {
    It 'Get-VaultAlbum, Get-VaultArtist, Get-VaultShow, Get-VaultEpisode filter by name and saved state' {
        foreach ($p in $script:Patterns) {
            @(Get-VaultAlbum -Name $p).Id | Should -Be @($script:Seed.Albums | Where-Object Name -Like $p).Id -Because "album '$p'"
            @(Get-VaultArtist -Name $p).Id | Should -Be @($script:Seed.Artists | Where-Object Name -Like $p).Id -Because "artist '$p'"
            @(Get-VaultShow -Name $p).Id | Should -Be @($script:Seed.Shows | Where-Object Name -Like $p).Id -Because "show '$p'"
            @(Get-VaultEpisode -Name $p).Uri | Should -Be @($script:Seed.Tracks | Where-Object { $_.Type -eq 'episode' -and $_.Name -like $p }).Uri -Because "episode '$p'"
        }
        @(Get-VaultAlbum -Saved).Id | Should -Be @($script:Seed.Albums | Where-Object Saved -EQ 'on').Id
        @(Get-VaultAlbum -Saved -IncludeRemoved).Id | Should -Be @($script:Seed.Albums | Where-Object Saved).Id
        @(Get-VaultArtist -Followed).Id | Should -Be @($script:Seed.Artists | Where-Object Followed -EQ 'on').Id
        @(Get-VaultShow -Saved).Id | Should -Be @($script:Seed.Shows | Where-Object Saved -EQ 'on').Id
        @(Get-VaultEpisode -Saved).Uri | Should -Be @($script:Seed.SavedEpisodes | Where-Object { -not $_.RemovedAt }).Uri
        (Get-VaultArtist -Id ar1).TrackCount | Should -Be @($script:Seed.Tracks | Where-Object { $_.Artists -contains 'ar1' }).Count
    }

    It 'Get-VaultTopItem returns the latest capture' {
        $short = @(Get-VaultTopItem -Type Artist -TimeRange Short)
        $short.Name | Should -Be @('Édith Piaf', 'Straße Ensemble')
        $short[0].GetType().FullName | Should -Be 'MusiVault.VaultTopItem'
        ($short[0] | ConvertTo-Json | ConvertFrom-Json).TimeRange | Should -Be 'Short'
        $short[0].Type | Should -Be 'Artist'
        @(Get-VaultTopItem -Type Track -TimeRange Long).Name | Should -Be @('éclair')
        @(Get-VaultTopItem).Count | Should -Be 3
    }

    It 'Get-VaultRecentlyPlayed is newest first and filters by time' {
        @(Get-VaultRecentlyPlayed).Uri | Should -Be @($script:Seed.Plays | Sort-Object PlayedAt -Descending).Uri
        @(Get-VaultRecentlyPlayed -After '2024-06-02T00:00:00Z' -First 1).Uri | Should -Be 'spotify:track:t14'
    }

    It 'Get-VaultChange filters by -Since and -Kind' {
        $newestFirst = @($script:Seed.Changes.Kind); [array]::Reverse($newestFirst)
        @(Get-VaultChange).Kind | Should -Be $newestFirst
        @(Get-VaultChange -Since '2024-06-02T00:00:00Z').Kind | Should -Be @('unavailable', 'unliked')
        @(Get-VaultChange -Kind 'un*').EntityId | Should -Be @('spotify:track:t15', 'spotify:track:t08')
        (Get-VaultChange -Kind unavailable).Playlist | Should -Be 'Road Trip'
    }

    It 'Get-VaultSyncRun lists runs oldest first; -Last keeps the newest' {
        @(Get-VaultSyncRun).Id | Should -Be @(1, 2, 3)
        @(Get-VaultSyncRun -Last 2).Id | Should -Be @(2, 3)
        (Get-VaultSyncRun -Last 1).Status | Should -Be 'succeeded'
        (Get-VaultSyncRun)[0].Warnings | Should -Be @('one warning')
    }

    It 'Get-VaultInfo counts the collections and reports the last sync' {
        $info = Get-VaultInfo -Vault $script:Vault
        $info.LikedTracks | Should -Be @($script:Seed.Likes | Where-Object { -not $_.RemovedAt }).Count
        $info.Playlists | Should -Be @($script:Seed.Playlists | Where-Object { -not $_.DeletedAt }).Count
        $info.Episodes | Should -Be 2
        $info.SyncRuns | Should -Be 3
        $info.LastSyncStatus | Should -Be 'succeeded'
        $info.LastSyncAt.UtcDateTime | Should -Be ([datetime]::Parse('2024-06-03T00:01:00Z').ToUniversalTime())
    }
}

Describe 'Output for people and for files' {
    It 'Export-Csv and Import-Csv round-trip useful columns for <Command>' -ForEach @(
        'Get-VaultTrack', 'Get-VaultPlaylist', 'Get-VaultAlbum', 'Get-VaultArtist', 'Get-VaultShow', 'Get-VaultEpisode', 'Get-VaultTopItem',
        'Get-VaultRecentlyPlayed', 'Get-VaultChange', 'Get-VaultSyncRun' | ForEach-Object { @{ Command = $_ } }) {
        $Arguments = if ($Command -eq 'Get-VaultTrack') { @{ Playlist = 'pl1' } } else { @{} }
        $csv = Join-Path $script:TestHome "$Command.csv"
        $objects = @(& $Command @Arguments)
        $objects | Export-Csv -Path $csv
        $rows = @(Import-Csv -Path $csv)
        $rows.Count | Should -Be $objects.Count
        foreach ($row in $rows) {
            # SyncRun.Collections is now typed like SyncResult's (issue 13 bug 6); its flat CSV form is r2-promptb's rule.
            foreach ($property in $row.PSObject.Properties | Where-Object { -not ($Command -eq 'Get-VaultSyncRun' -and $_.Name -eq 'Collections') }) {
                $property.Value | Should -Not -Match '^(System|MusiVault)\.[\w.`\[\]]+$' -Because "$Command $($property.Name)"
            }
        }
    }

    It 'Artists reads as a JSON array in CSV and as an array in JSON' {
        $track = Get-VaultTrack -Id t02
        $csv = Join-Path $script:TestHome 'artists.csv'
        $track | Export-Csv -Path $csv
        $row = Import-Csv $csv
        $row.Artists | Should -Be '["Édith Piaf","snake_case"]'
        $row.ArtistNames | Should -Be 'Édith Piaf; snake_case'
        $row.Name | Should -Be 'éclair'
        $json = $track | ConvertTo-Json | ConvertFrom-Json
        $json.Artists | Should -Be @('Édith Piaf', 'snake_case')
        $json.Name | Should -Be 'éclair'
        $json.DurationMs | Should -Be 200000
    }

    It 'ConvertTo-Json is clean for every reader' {
        $all = @(Get-VaultTrack -IncludeRemoved) + @(Get-VaultPlaylist -IncludeDeleted) + @(Get-VaultAlbum) + @(Get-VaultArtist) +
            @(Get-VaultShow) + @(Get-VaultEpisode) + @(Get-VaultTopItem) + @(Get-VaultRecentlyPlayed) + @(Get-VaultChange) + @(Get-VaultSyncRun)
        $json = $all | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue
        $json | Should -Not -Match 'System\.(String|Collections|Object)'
        $json | Should -Not -Match '"(Count|SyncRoot|IsReadOnly)"'
        @($json | ConvertFrom-Json).Count | Should -Be $all.Count
    }

    It 'the default table view of <Type> shows the chosen columns' -ForEach @(
        @{ Type = 'VaultTrack'; Columns = @('Length', 'AddedAt', 'Name', 'Artists', 'Album') }
        @{ Type = 'VaultPlaylist'; Columns = @('Tracks', 'Items', 'ChangedAt', 'Name', 'Owner') }
        @{ Type = 'VaultAlbum'; Columns = @('Released', 'Tracks', 'SavedAt', 'Name', 'Artists') }
        @{ Type = 'VaultArtist'; Columns = @('Tracks', 'Followers', 'Followed', 'Name', 'Genres') }
        @{ Type = 'VaultShow'; Columns = @('Episodes', 'SavedAt', 'Name', 'Publisher') }
        @{ Type = 'VaultEpisode'; Columns = @('Released', 'Length', 'Saved', 'Name', 'Show') }
        @{ Type = 'VaultTopItem'; Columns = @('Type', 'Range', 'Rank', 'CapturedAt', 'Name', 'Artists') }
        @{ Type = 'VaultPlay'; Columns = @('EndedAt', 'Played', 'Source', 'Artist', 'Name') }
        @{ Type = 'VaultChange'; Columns = @('ObservedAt', 'Kind', 'Type', 'Name', 'Detail') }
        @{ Type = 'SyncRun'; Columns = @('Id', 'StartedAt', 'Length', 'Status', 'Full', 'Requests', 'Throttled', 'Warnings') }
    ) {
        # Labels: the views print times, durations and lists through [MusiVault.VaultFormat] (issue 13, Prompt.Views.Tests.ps1).
        $view = Get-FormatData -TypeName "MusiVault.$Type"
        $table = $view.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
        $table.Control.Headers.Label | Should -Be $Columns
    }

    It 'Format-Table -View Playlist shows entries position first' {
        $text = Get-VaultTrack -Playlist pl1 | Format-Table -View Playlist | Out-String -Width 200
        $text | Should -Match 'Pos\s+Length\s+Name\s+Artists\s+Album'
    }

    It 'Format-Table of tracks prints the view headers' {
        $text = Get-VaultTrack -Liked | Format-Table | Out-String -Width 200
        $text | Should -Match 'Length\s+AddedAt\s+Name\s+Artists\s+Album'
        $text | Should -Match 'La Vie en rose'
    }
}

Describe 'SQL injection' {
    It 'changes nothing and returns normal results through every string parameter' {
        $attempts = @($script:Injection, "' OR '1'='1", "'; DELETE FROM liked_tracks; --", '%'' OR 1=1 --', "*'); UPDATE playlists SET name = 'pwned'; --")
        foreach ($a in $attempts) {
            @(Get-VaultTrack -Name $a -IncludeRemoved).Uri | Should -Be @($script:Seed.Tracks | Where-Object Name -Like $a).Uri
            @(Get-VaultTrack -Artist $a -IncludeRemoved).Count | Should -Be @($script:Seed.Tracks | Where-Object { @(ArtistNamesOf $_ | Where-Object { $_ -like $a }).Count }).Count
            $null = Get-VaultTrack -Album $a
            @(Get-VaultTrack -Id $a).Count | Should -Be 0
            $null = Get-VaultTrack -Playlist $a -ErrorAction SilentlyContinue
            @(Get-VaultPlaylist -Name $a).Count | Should -Be @($script:Seed.Playlists | Where-Object { -not $_.DeletedAt -and $_.Name -like $a }).Count
            $null = Get-VaultPlaylist -Id $a
            $null = Get-VaultAlbum -Name $a -Artist $a
            $null = Get-VaultArtist -Name $a
            $null = Get-VaultShow -Name $a
            $null = Get-VaultEpisode -Name $a -Show $a
            $null = Get-VaultRecentlyPlayed -Name $a
            @(Get-VaultChange -EntityType $a).Count | Should -Be 0
            { Get-VaultChange -Kind $a -ErrorAction Stop } | Should -Throw -ErrorId 'VaultChangeKindUnknown,*'
        }
        Get-VaultContentHash $script:Vault | Should -Be $script:Hash
        @(Get-VaultPlaylist -IncludeDeleted).Count | Should -Be $script:Seed.Playlists.Count
    }
}

Describe 'Argument completion' {
    BeforeAll {
        function script:Complete([string] $line) {
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText
        }
    }

    It 'completes -Playlist with quoted names from the -Vault vault' {
        $vault = $script:Vault
        Complete "Get-VaultTrack -Vault '$vault' -Playlist Caf" | Should -Be @("'Café; Morning''s'")
        Complete "Get-VaultTrack -Vault '$vault' -Playlist Road" | Should -Be @("'Road Trip'", "'Road Trip 100% _Live_'")
        Complete "Get-VaultTrack -Vault '$vault' -Playlist 'Old" | Should -Be @("'Old Mix'")
    }

    It 'completes -Artist with escaped, quoted names' {
        $vault = $script:Vault
        Complete "Get-VaultTrack -Vault '$vault' -Artist O" | Should -Be @("'O''Brien; Band'")
        Complete "Get-VaultTrack -Vault '$vault' -Artist '[" | Should -Be @("'``[Bracket``] Boys'")
        Complete "Get-VaultTrack -Vault '$vault' -Artist sn" | Should -Be @('snake_case')
    }

    It 'completes from the default vault when -Vault is absent' {
        $env:MUSIVAULT_VAULT = $script:Vault
        try { Complete 'Get-VaultTrack -Playlist Old' | Should -Be @("'Old Mix'") }
        finally { $env:MUSIVAULT_VAULT = $null }
    }

    It 'offers no names, and creates nothing, when the vault does not exist' {
        # PowerShell falls back to file names when a completer offers nothing: complete from an empty folder.
        Push-Location (New-Item -ItemType Directory -Force (Join-Path $script:TestHome 'empty'))
        $missing = Join-Path $script:TestHome 'no-vault-here.db'
        try { @(Complete "Get-VaultTrack -Vault '$missing' -Playlist R").Count | Should -Be 0 }
        finally { Pop-Location }
        Test-Path $missing | Should -BeFalse
    }

    It 'completes -Kind of Get-VaultChange' {
        Complete 'Get-VaultChange -Kind un' | Should -Be @('unavailable', 'unliked', 'unfollowed', 'unsaved')
    }

    It 'lists profile folders for -Profile' {
        $profiles = Join-Path $env:MUSIVAULT_HOME 'profiles'
        New-Item -ItemType Directory -Force -Path (Join-Path $profiles 'default'), (Join-Path $profiles 'work account'), (Join-Path $profiles 'dev') | Out-Null
        $completer = [MusiVault.Completers.ProfileCompleter]::new()
        $results = @($completer.CompleteArgument('Sync-SpotifyLibrary', 'Profile', 'd', $null, @{}))
        $results.CompletionText | Should -Be @('default', 'dev')
        @($completer.CompleteArgument('Sync-SpotifyLibrary', 'Profile', 'w', $null, @{})).CompletionText | Should -Be @("'work account'")
        Complete 'Sync-SpotifyLibrary -Profile d' | Should -Be @('default', 'dev')
        Complete 'Connect-Spotify -Profile w' | Should -Be @("'work account'")
        Complete 'Get-SpotifyConnection d' | Should -Be @('default', 'dev')
    }
}
