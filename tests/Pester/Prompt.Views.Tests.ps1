# Issue 13, "views at 80 columns": every default view rendered by the built module at 80 and 120 columns in a child pwsh.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
    $script:Fake = Start-FakeSpotify -Preset Demo -Seed 42
    $script:Env = @{
        MUSIVAULT_HOME                 = $script:TestHome
        MUSIVAULT_VAULT                = $null
        MUSIVAULT_SPOTIFY_API_URL      = $script:Fake.ApiUrl
        MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
        NO_COLOR                       = '1'
    }
    # Objects that need Drive or a login are built by hand: the view is what is tested.
    $commands = [ordered]@{
        Sync       = "`$script:sync"
        Track      = 'Get-VaultTrack -Liked -First 8'
        PlaylistEntries = "Get-VaultTrack -Playlist (Get-VaultPlaylist -First 1).Id -First 5 | Format-Table -View Playlist"
        Playlist   = 'Get-VaultPlaylist'
        Album      = 'Get-VaultAlbum -First 5'
        Artist     = 'Get-VaultArtist -First 5'
        Show       = 'Get-VaultShow'
        Episode    = 'Get-VaultEpisode -First 5'
        TopItem    = 'Get-VaultTopItem | Select-Object -First 5'
        Play       = 'Get-VaultRecentlyPlayed | Select-Object -First 5'
        Change     = 'Get-VaultChange | Select-Object -Last 8'
        SyncRun    = 'Get-VaultSyncRun'
        Info       = 'Get-VaultInfo'
        Integrity  = 'Test-VaultIntegrity'
        Spotify    = 'Get-SpotifyConnection'
        Collection = "`$script:sync.Collections"
        Backup     = "[MusiVault.VaultBackup]@{ Id = '1Zq3XbB8yPQnW0aVd7cEfGhJkLmNoPqRs'; Name = 'musivault-0f3c2a1b-20261127T153000Z.mvbak'; CreatedAt = [DateTimeOffset]::Now; SizeBytes = 9MB; Encrypted = `$true; Counts = 'changes=11;liked_tracks=1999;playlist_entries=2793;playlists=19;tracks=2405' }"
        Restore    = "[MusiVault.VaultRestoreResult]@{ Path = '/home/me/.musivault/vault.db'; SizeBytes = 9MB; Counts = 'liked_tracks=1999;tracks=2405'; PreviousVaultCopy = '/home/me/.musivault/vault.db.before-restore-20261127T153000Z' }"
        Drive      = "[MusiVault.GoogleDriveConnection]@{ Profile = 'default'; Scope = 'https://www.googleapis.com/auth/drive.appdata'; AppDataFolder = `$true; ConnectedAt = [DateTimeOffset]::Now }"
    }
    $render = foreach ($name in $commands.Keys) {
        foreach ($width in 80, 120) {
            "'<<$name $width>>'; ($($commands[$name])) | Out-String -Width $width -Stream; '<<end>>'"
        }
    }
    $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
`$WarningPreference = 'SilentlyContinue'
Import-Module '$script:ModulePath'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
`$null = Sync-SpotifyLibrary
Invoke-RestMethod -Method Post -Uri '$($script:Fake.ControlUrl)/mutate?scenario=demo' | Out-Null
`$script:sync = Sync-SpotifyLibrary
$($render -join "`n")
"@
    if ($LASTEXITCODE -ne 0) { throw "Rendering failed: $($out -join "`n")" }
    $script:Views = @{}
    $current = $null
    foreach ($line in $out) {
        if ($line -match '^<<(\w+) (\d+)>>$') { $current = "$($Matches[1]) $($Matches[2])"; $script:Views[$current] = [System.Collections.Generic.List[string]]::new(); continue }
        if ($line -eq '<<end>>') { $current = $null; continue }
        if ($current) { $script:Views[$current].Add("$line") }
    }

    # A table: the header line is the one above the first line made of dashes. Dashes span the label only (a left-aligned
    # label starts its column, a right-aligned one ends it), so a column's room runs to the next run of dashes.
    function Get-Table([string[]] $Lines) {
        $dash = [Array]::FindIndex($Lines, [Predicate[string]] { param($l) $l -match '^\s*-+( +-+)*\s*$' })
        if ($dash -lt 1) { return $null }
        $runs = @([regex]::Matches($Lines[$dash], '-+'))
        $rows = @($Lines | Select-Object -Skip ($dash + 1) | Where-Object { $_.Trim() })
        $widest = ($rows + $Lines[$dash - 1] | Measure-Object -Property Length -Maximum).Maximum
        $columns = for ($i = 0; $i -lt $runs.Count; $i++) {
            $m = $runs[$i]
            $roomEnd = if ($i + 1 -lt $runs.Count) { $runs[$i + 1].Index - 1 } else { $widest }
            [pscustomobject]@{
                Start = $m.Index; End = $m.Index + $m.Length; RoomEnd = $roomEnd
                Label = $Lines[$dash - 1].PadRight($m.Index + $m.Length).Substring($m.Index, $m.Length).Trim()
            }
        }
        [pscustomobject]@{ HeaderIndex = $dash - 1; Lines = $Lines; Columns = @($columns); Rows = $rows }
    }
    # The text of a column in a row.
    function Get-Cell($Table, [string] $Label, [string] $Row) {
        $i = [Array]::FindIndex($Table.Columns, [Predicate[object]] { param($c) $c.Label -eq $Label })
        $c = $Table.Columns[$i]
        # A right-aligned label spans the end of its column, where every right-aligned value ends too.
        $from = $c.Start
        $to = if ($c.Label -in $script:Numbers) { $c.End } else { $c.RoomEnd }
        $Row.PadRight($to).Substring($from, $to - $from)
    }
    $script:Tables = 'Track', 'PlaylistEntries', 'Playlist', 'Album', 'Artist', 'Show', 'Episode', 'TopItem', 'Play', 'Change', 'SyncRun',
        'Spotify', 'Collection', 'Backup', 'Drive'
    $script:Lists = 'Sync', 'Info', 'Integrity', 'Restore'
    $script:Numbers = 'Tracks', 'Length', 'Pos', 'Id', 'Requests', 'Throttled', 'Warnings', 'Episodes', 'Rank', 'Followers', 'Size',
        'Unchanged', 'Added', 'Removed', 'Changed', 'Scopes'
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Default views' {
    It '<_> renders something at 80 and 120 columns, no line longer than the width' -ForEach @(
        'Sync', 'Track', 'PlaylistEntries', 'Playlist', 'Album', 'Artist', 'Show', 'Episode', 'TopItem', 'Play', 'Change', 'SyncRun', 'Info',
        'Integrity', 'Spotify', 'Collection', 'Backup', 'Restore', 'Drive') {
        foreach ($width in 80, 120) {
            $lines = $script:Views["$_ $width"]
            @($lines | Where-Object { $_.Trim() }).Count | Should -BeGreaterThan 1 -Because "$_ at $width"
            @($lines | Where-Object { $_.Length -gt $width }) | Should -BeNullOrEmpty -Because "$_ at $width"
        }
    }

    It '<_> is a table whose header does not wrap and whose numbers are right-aligned' -ForEach @(
        'Track', 'PlaylistEntries', 'Playlist', 'Album', 'Artist', 'Show', 'Episode', 'TopItem', 'Play', 'Change', 'SyncRun', 'Spotify',
        'Collection', 'Backup', 'Drive') {
        foreach ($width in 80, 120) {
            $t = Get-Table $script:Views["$_ $width"]
            $t | Should -Not -BeNullOrEmpty -Because "$_ at $width is a table"
            # A wrapped header leaves its first half on the line above the header.
            if ($t.HeaderIndex -gt 0) { $t.Lines[$t.HeaderIndex - 1].Trim() | Should -BeNullOrEmpty -Because "$_ at $width" }
            foreach ($c in $t.Columns) {
                $c.Label | Should -Match '^\S+$' -Because "$_ at $width column at $($c.Start) has a whole one-word label"
                if ($c.Label -in $script:Numbers) {
                    foreach ($row in $t.Rows) {
                        $cell = Get-Cell $t $c.Label $row
                        if ($cell.Trim()) { $cell | Should -Match '\S$' -Because "$($c.Label) of $_ at $width is right-aligned: '$cell'" }
                    }
                }
            }
        }
    }

    It '<_> has a Name column of at least 15 characters at 80 that grows at 120' -ForEach @(
        'Track', 'PlaylistEntries', 'Playlist', 'Album', 'Artist', 'Show', 'Episode', 'TopItem', 'Play', 'Change') {
        $narrow = (Get-Table $script:Views["$_ 80"]).Columns | Where-Object Label -eq 'Name'
        $wide = (Get-Table $script:Views["$_ 120"]).Columns | Where-Object Label -eq 'Name'
        ($narrow.RoomEnd - $narrow.Start) | Should -BeGreaterOrEqual 15
        ($wide.RoomEnd - $wide.Start) | Should -BeGreaterThan ($narrow.RoomEnd - $narrow.Start)
    }

    It 'no view prints braces, type names, raw TimeSpans or US-style dates' {
        foreach ($key in $script:Views.Keys) {
            $text = $script:Views[$key] -join "`n"
            $text | Should -Not -Match '\{\}|\{[^}]*,[^}]*\}' -Because $key
            $text | Should -Not -Match 'MusiVault\.\w+' -Because $key
            $text | Should -Not -Match '\d\d:\d\d:\d\d\.\d{7}' -Because $key
            $text | Should -Not -Match '\b\d\d/\d\d/\d{4}\b' -Because $key
        }
    }

    It 'has no always-empty DeletedAt column and shows durations as m:ss' {
        $script:Views['Playlist 120'] -join "`n" | Should -Not -Match 'DeletedAt'
        $t = Get-Table $script:Views['Track 80']
        foreach ($row in $t.Rows) { (Get-Cell $t 'Length' $row).Trim() | Should -Match '^\d+:\d\d(:\d\d)?$' }
    }

    It 'Sync-SpotifyLibrary prints a summary line per collection' {
        $text = $script:Views['Sync 80'] -join "`n"
        $text | Should -Match 'LikedSongs\s+[\d,]+ \+\d+\s+-\d+\s+~\d+\s+\d+ req'
        $text | Should -Match 'Totals\s+: [\d,]+ added, [\d,]+ removed'
    }

    It 'Get-VaultBackup shows the whole Id and a readable summary instead of table names' {
        foreach ($width in 80, 120) {
            $text = $script:Views["Backup $width"] -join "`n"
            $text | Should -Match '1Zq3XbB8yPQnW0aVd7cEfGhJkLmNoPqRs'
            $text | Should -Not -Match 'liked_tracks'
        }
        $script:Views['Backup 120'] -join "`n" | Should -Match '2,405 tracks, 1,999 liked'
    }
}
