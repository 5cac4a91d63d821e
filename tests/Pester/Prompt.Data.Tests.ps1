# Issue 13, "durations" and "times": scripts get TimeSpan/DateTimeOffset, CSV and JSON get flat, culture-free text
# (durations [d.]hh:mm:ss[.fff], times ISO 8601 with offset), under a culture that formats both differently (de-DE).
# Also the playlist position of a history row (Get-VaultChange). One child pwsh against the fake Spotify.
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
    $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
`$WarningPreference = 'SilentlyContinue'
[cultureinfo]::CurrentCulture = 'de-DE'
Import-Module '$script:ModulePath'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
`$null = Sync-SpotifyLibrary
`$mutation = Invoke-RestMethod -Method Post -Uri '$($script:Fake.ControlUrl)/mutate?scenario=demo'
`$sync = Sync-SpotifyLibrary
`$tracks = @(Get-VaultTrack -Liked -First 20)
`$r = [ordered]@{}
# What a script sees.
`$r.DurationType = `$tracks[0].Duration.GetType().FullName
`$r.AddedAtType = `$tracks[0].AddedAt.GetType().FullName
`$r.SyncDurationType = `$sync.Duration.GetType().FullName
`$r.RunDurationType = (Get-VaultSyncRun | Select-Object -Last 1).Duration.GetType().FullName
`$r.SortedByDuration = @(`$tracks | Sort-Object Duration | ForEach-Object DurationMs)
`$r.SortedByMs = @(`$tracks | Sort-Object DurationMs | ForEach-Object DurationMs)
`$r.SumSeconds = (`$tracks[0].Duration + `$tracks[1].Duration).TotalSeconds
`$r.SumMsSeconds = (`$tracks[0].DurationMs + `$tracks[1].DurationMs) / 1000
`$r.NewerCount = @(`$tracks | Where-Object AddedAt -gt `$tracks[5].AddedAt).Count
`$r.SortedByAddedAt = @(`$tracks | Sort-Object AddedAt -Descending | ForEach-Object Id)
`$r.Ids = @(`$tracks | ForEach-Object Id)
`$r.Hashtable = ([MusiVault.VaultPlayMeasure]@{ Key = 'k'; Played = [timespan]'01:02:03.5'; FirstPlayedAt = '2024-03-09T10:00:00+01:00' }).Played.TotalSeconds
# JSON: the objects as they come, and through Select-Object.
`$r.TrackJson = `$tracks[0] | ConvertTo-Json -Compress
`$r.EpisodeJson = Get-VaultEpisode -First 1 | ConvertTo-Json -Compress
`$r.SyncJson = `$sync | ConvertTo-Json -Depth 3 -Compress
`$r.RunJson = Get-VaultSyncRun | ConvertTo-Json -Depth 3 -Compress
`$r.PlayJson = Get-VaultRecentlyPlayed | Select-Object -First 2 | ConvertTo-Json -Compress
`$r.MeasureJson = [MusiVault.VaultPlayMeasure]@{ Key = 'k'; Played = [timespan]'1.02:03:04.5'; FirstPlayedAt = '2024-03-09T10:00:00+01:00' } | ConvertTo-Json -Compress
`$r.ImportJson = [MusiVault.ImportResult]@{ Vault = 'v'; Duration = [timespan]::FromSeconds(14) } | ConvertTo-Json -Compress
`$r.ExpectedDuration = `$tracks[0].Duration.Ticks
`$r.ExpectedAddedAt = `$tracks[0].AddedAt.UtcTicks
# CSV, in de-DE.
`$csv = Join-Path `$env:MUSIVAULT_HOME 'tracks.csv'
`$tracks | Export-Csv -Path `$csv
`$r.Csv = @(Import-Csv `$csv | Select-Object -First 3 | ForEach-Object { [ordered]@{ Id = `$_.Id; Duration = `$_.Duration; AddedAt = `$_.AddedAt; RemovedAt = `$_.RemovedAt } })
`$r.CsvExpected = @(`$tracks | Select-Object -First 3 | ForEach-Object { [ordered]@{ Ticks = `$_.Duration.Ticks; UtcTicks = `$_.AddedAt.UtcTicks } })
`$r.SelectCsv = @(`$tracks | Select-Object -First 1 Name, Duration, AddedAt | ConvertTo-Csv)
`$r.RunCsv = @(Get-VaultSyncRun | ConvertTo-Csv)
`$r.ChangeCsv = @(Get-VaultChange -First 3 | ConvertTo-Csv)
`$r.Header = (Get-Content `$csv -First 1)
# Get-VaultChange positions for the edited playlist.
`$edited = `$mutation.editedPlaylistId
`$r.AddedUris = @(`$mutation.addedUris)
`$r.RemovedUris = @(`$mutation.removedUris)
`$r.Changes = @(Get-VaultChange -Playlist `$edited | Where-Object EntityType -ne 'playlist' | ForEach-Object { [ordered]@{ Kind = `$_.Kind; Uri = `$_.EntityId; Position = `$_.Position } })
`$r.Entries = @(Get-VaultTrack -Playlist `$edited | ForEach-Object { [ordered]@{ Uri = `$_.Uri; Position = `$_.Position } })
`$r.ChangeView = (Get-VaultChange -Playlist `$edited -Kind added | Out-String -Width 80)
`$r.Unavailable = @(Get-VaultChange -Kind unavailable | Where-Object PlaylistId | ForEach-Object { `$c = `$_
    `$at = @(Get-VaultTrack -Playlist `$c.PlaylistId | Where-Object Uri -eq `$c.EntityId | ForEach-Object Position)
    [ordered]@{ Key = "`$(`$c.PlaylistId)|`$(`$c.EntityId)|`$(`$c.Position)"; Holds = (`$c.Position -in `$at) } })
`$r.LikedPositions = @(Get-VaultChange -Kind liked, unliked | ForEach-Object Position)
`$r.RenamedFrom = `$mutation.renamedFrom
`$r.RenamedTo = `$mutation.renamedTo
`$r.RenameView = (Get-VaultChange -Kind renamed | Out-String -Width 250)
# The same filter names everywhere, fed with a time from the output.
`$r.AfterCount = @(Get-VaultTrack -Liked -After `$tracks[5].AddedAt).Count
`$r.TimeParameters = @(Get-Command -Module MusiVault | ForEach-Object { `$c = `$_; `$c.Parameters.Values | Where-Object { `$_.Name -match 'After|Before|Since|Until|From|To$' } | ForEach-Object { [ordered]@{ Command = `$c.Name; Name = `$_.Name; Aliases = @(`$_.Aliases) } } })
# Type data: every public output type is adapted.
`$models = [MusiVault.VaultTrack].Assembly.GetExportedTypes() | Where-Object { `$_.IsClass -and -not `$_.IsAbstract -and `$_.GetProperties().Count -gt 0 -and `$_.Name -ne 'VaultNameList' }
`$r.Unadapted = @(`$models | Where-Object { -not (Get-TypeData `$_.FullName).TypeAdapter } | ForEach-Object FullName)
`$r | ConvertTo-Json -Depth 6 -Compress
"@
    if ($LASTEXITCODE -ne 0) { throw "The scenario failed: $($out -join "`n")" }
    $json = @($out | Where-Object { $_ -is [string] -and $_.StartsWith('{"DurationType"') })
    if ($json.Count -ne 1) { throw "The scenario printed no result: $($out -join "`n")" }
    $script:R = $json[0] | ConvertFrom-Json -Depth 10 -DateKind String
    $script:Duration = '^-?(\d+\.)?\d\d:\d\d:\d\d(\.\d{1,7})?$'
    $script:Iso = '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?[+-]\d\d:\d\d$'
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Durations and times for scripts' {
    It 'Duration is a TimeSpan and AddedAt a DateTimeOffset (tracks, sync results, sync runs)' {
        $script:R.DurationType | Should -Be 'System.TimeSpan'
        $script:R.AddedAtType | Should -Be 'System.DateTimeOffset'
        $script:R.SyncDurationType | Should -Be 'System.TimeSpan'
        $script:R.RunDurationType | Should -Be 'System.TimeSpan'
    }

    It 'sorts, compares and adds like the TimeSpan and DateTimeOffset they are' {
        $script:R.SortedByDuration | Should -Be $script:R.SortedByMs
        $script:R.SumSeconds | Should -Be $script:R.SumMsSeconds
        # Liked songs come newest first: 5 are newer than the sixth.
        $script:R.NewerCount | Should -Be 5
        $script:R.SortedByAddedAt | Should -Be $script:R.Ids
    }

    It 'a duration can be set from a TimeSpan through a hashtable cast' {
        $script:R.Hashtable | Should -Be 3723.5
    }
}

Describe 'Time filters' {
    It 'are -After and -Before on every cmdlet, with the old names as aliases' {
        $filters = @($script:R.TimeParameters)
        $filters.Count | Should -BeGreaterOrEqual 8
        foreach ($p in $filters) { $p.Name | Should -BeIn 'After', 'Before' -Because "$($p.Command) -$($p.Name)" }
        ($filters | Where-Object { $_.Command -eq 'Get-VaultTrack' -and $_.Name -eq 'After' }).Aliases | Should -Contain 'AddedAfter'
        ($filters | Where-Object { $_.Command -eq 'Get-VaultTrack' -and $_.Name -eq 'Before' }).Aliases | Should -Contain 'AddedBefore'
        ($filters | Where-Object { $_.Command -eq 'Get-VaultChange' -and $_.Name -eq 'After' }).Aliases | Should -Contain 'Since'
    }

    It 'take a time straight from the output' {
        $script:R.AfterCount | Should -BeIn 5, 6
    }
}

Describe 'ConvertTo-Json writes durations as text and times as ISO 8601' {
    It '<_> has no TimeSpan object in its JSON' -ForEach 'TrackJson', 'EpisodeJson', 'SyncJson', 'RunJson', 'PlayJson', 'MeasureJson', 'ImportJson' {
        $json = $script:R.$_
        $json | Should -Not -BeNullOrEmpty
        $json | Should -Not -Match '"Ticks"|TotalSeconds'
    }

    It 'a track''s Duration is "hh:mm:ss[.fff]" text that reads back as the same TimeSpan' {
        $track = $script:R.TrackJson | ConvertFrom-Json -DateKind String
        $track.Duration | Should -Match $script:Duration
        ([timespan]$track.Duration).Ticks | Should -Be $script:R.ExpectedDuration
        $track.AddedAt | Should -Match $script:Iso
        ([datetimeoffset]$track.AddedAt).UtcTicks | Should -Be $script:R.ExpectedAddedAt
    }

    It 'durations of sync results, runs, imports and play measures are text too' {
        $sync = $script:R.SyncJson | ConvertFrom-Json
        $sync.Duration | Should -Match $script:Duration
        foreach ($c in $sync.Collections) { $c.Duration | Should -Match $script:Duration }
        foreach ($run in $script:R.RunJson | ConvertFrom-Json) { $run.Duration | Should -Match $script:Duration }
        ($script:R.ImportJson | ConvertFrom-Json).Duration | Should -Be '00:00:14'
        ($script:R.MeasureJson | ConvertFrom-Json).Played | Should -Be '1.02:03:04.5'
    }
}

Describe 'Export-Csv writes durations and times as culture-free text that reads back' {
    # Written under de-DE, which formats both differently: ISO 8601 and [d.]hh:mm:ss[.fff], as in JSON.
    BeforeAll {
        function script:Seconds([string] $text) {
            $text | Should -Match $script:Iso
            [Math]::Floor([datetimeoffset]::Parse($text, [cultureinfo]::InvariantCulture).UtcTicks / 10000000)
        }
    }

    It 'writes Duration as [d.]hh:mm:ss[.fff] and AddedAt as ISO 8601 with its offset under de-DE' {
        for ($i = 0; $i -lt 3; $i++) {
            $row = $script:R.Csv[$i]
            $row.Duration | Should -Match $script:Duration
            ([timespan]$row.Duration).Ticks | Should -Be $script:R.CsvExpected[$i].Ticks
            $row.AddedAt | Should -Match $script:Iso
            ([datetimeoffset]$row.AddedAt).UtcTicks | Should -Be $script:R.CsvExpected[$i].UtcTicks
            $row.RemovedAt | Should -BeNullOrEmpty
        }
    }

    It 'keeps the column order of the type' {
        $script:R.Header | Should -Match '^"Id","Uri","Name",.*"DurationMs","Duration",.*"AddedAt"'
    }

    It 'writes the same text after Select-Object, and for sync runs and changes' {
        $row = $script:R.SelectCsv | ConvertFrom-Csv
        $row.Duration | Should -Match $script:Duration
        Seconds $row.AddedAt | Should -BeGreaterThan 0
        foreach ($run in $script:R.RunCsv | ConvertFrom-Csv) {
            Seconds $run.StartedAt | Should -BeGreaterThan 0
            $run.Duration | Should -Match $script:Duration
        }
        foreach ($change in $script:R.ChangeCsv | ConvertFrom-Csv) { Seconds $change.ObservedAt | Should -BeGreaterThan 0 }
    }

    It 'adapts every public output type of MusiVault.Models' {
        $script:R.Unadapted | Should -BeNullOrEmpty
    }
}

Describe 'Get-VaultChange reports where in the playlist an entry changed' {
    It 'added entries carry their new position and the removed one its old position' {
        $added = @($script:R.Changes | Where-Object Kind -eq 'added')
        $added.Count | Should -Be $script:R.AddedUris.Count
        foreach ($change in $added) {
            $entry = $script:R.Entries | Where-Object Uri -eq $change.Uri
            $change.Position | Should -Be $entry.Position
        }
        # The demo removes the entry at position 2 before it inserts two at 1 and moves the first to the end.
        $removed = @($script:R.Changes | Where-Object Kind -eq 'removed')
        $removed.Uri | Should -Be $script:R.RemovedUris
        $removed.Position | Should -Be 2
    }

    It 'the view says where' {
        # The position first: a long playlist name is what gets cut at 80 columns.
        $script:R.ChangeView | Should -Match 'at [01] in \S'
    }

    It 'an item in a playlist twice that became unavailable reports each of its positions once' {
        $unavailable = @($script:R.Unavailable)
        $unavailable.Count | Should -BeGreaterThan 1
        $unavailable.Holds | Should -Not -Contain $false
        @($unavailable.Key | Sort-Object -Unique).Count | Should -Be $unavailable.Count
    }

    It 'a rename shows old → new' {
        $script:R.RenameView | Should -Match ([regex]::Escape("$($script:R.RenamedFrom) → $($script:R.RenamedTo)"))
    }

    It 'changes outside playlists have no position' {
        $script:R.LikedPositions | Where-Object { $null -ne $_ } | Should -BeNullOrEmpty
    }
}
