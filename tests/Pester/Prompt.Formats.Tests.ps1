# Issue 13: times, durations and name lists in JSON/CSV, and sync progress, from the built module in a child pwsh.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
    $script:Fake = Start-FakeSpotify -Preset Demo -Seed 5
    $script:Env = @{
        MUSIVAULT_HOME                 = $script:TestHome
        MUSIVAULT_VAULT                = $null
        MUSIVAULT_SPOTIFY_API_URL      = $script:Fake.ApiUrl
        MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
        NO_COLOR                       = '1'
    }
    # A 429 with Retry-After: 2 on the third liked-songs page: the progress must say why the sync is waiting.
    Invoke-RestMethod -Method Post -Uri "$($script:Fake.ControlUrl)/faults?fault=429&route=/v1/me/tracks&skip=2&retryAfter=2" | Out-Null
    $script:Out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
`$WarningPreference = 'SilentlyContinue'
Import-Module '$script:ModulePath'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
# Progress records cannot be redirected: a nested PowerShell collects them in its Progress stream.
`$ps = [PowerShell]::Create()
`$null = `$ps.AddScript("Import-Module '$script:ModulePath'; Sync-SpotifyLibrary -WarningAction SilentlyContinue")
`$result = `$ps.Invoke()
if (`$ps.HadErrors) { throw `$ps.Streams.Error[0] }
foreach (`$p in `$ps.Streams.Progress) { 'PROGRESS ' + `$p.PercentComplete + ' ' + `$p.StatusDescription + ' |' + `$p.CurrentOperation }
'SYNCTYPES ' + `$result[0].StartedAt.GetType().Name
'RUNTYPES ' + (Get-VaultSyncRun | Select-Object -First 1).StartedAt.GetType().Name
'JSON ' + (Get-VaultTrack -Liked -First 1 | ConvertTo-Json -Compress)
'NAMES ' + [MusiVault.VaultNameList]::new([string[]]@('AC;DC', 'Tidal, Dream', 'say "hi"')).ToString()
`$csv = Get-VaultArtist -First 1 | Select-Object Name, Genres | ConvertTo-Csv
'CSV ' + (`$csv -join '|')
"@
    $script:Progress = @($script:Out | Where-Object { $_ -like 'PROGRESS *' })
    function Get-Line([string] $Prefix) { ($script:Out | Where-Object { $_ -like "$Prefix *" } | Select-Object -First 1) -replace "^$Prefix ", '' }
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Output formats' {
    It 'ran' { $LASTEXITCODE | Should -Be 0 -Because ($script:Out -join "`n") }

    It 'uses DateTimeOffset in SyncResult and SyncRun alike' {
        Get-Line 'SYNCTYPES' | Should -Be 'DateTimeOffset'
        Get-Line 'RUNTYPES' | Should -Be 'DateTimeOffset'
    }

    It 'writes times as ISO 8601 with an offset in JSON and lists as arrays' {
        $json = Get-Line 'JSON'
        $json | Should -Match '"AddedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d"'
        $json | Should -Match '"Artists":\['
        $json | Should -Match '"DurationMs":\d+'
    }

    It 'prints name lists as an unambiguous JSON array where PowerShell makes text (a name may contain ;)' {
        $text = Get-Line 'NAMES'
        $text | Should -Be '["AC;DC","Tidal, Dream","say \"hi\""]'
        @($text | ConvertFrom-Json) | Should -Be @('AC;DC', 'Tidal, Dream', 'say "hi"')
        Get-Line 'CSV' | Should -Not -Match 'System\.|\{'
    }

    It 'reports one progress for the whole run, with the count in the status' {
        $script:Progress.Count | Should -BeGreaterThan 3
        $script:Progress | Where-Object { $_ -match 'LikedSongs: Reading [\d,]+ of [\d,]+ \(collection \d+ of \d+\)' } | Should -Not -BeNullOrEmpty
        $percents = @($script:Progress | ForEach-Object { [int](($_ -split ' ')[1]) } | Where-Object { $_ -ge 0 })
        # Overall progress: it never falls back to 0 once a later collection has started.
        $percents[-1] | Should -BeGreaterThan 50
        ($percents | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 100
    }

    It 'says why it is quiet while Spotify rate-limits it' {
        $script:Progress | Where-Object { $_ -match 'waiting \d+ s \(Spotify rate limit\)' } | Should -Not -BeNullOrEmpty
    }
}
