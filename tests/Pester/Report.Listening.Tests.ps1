# Export-VaultReport's listening sections against the built module, in real headless Chromium: first a vault synced
# without plays (the section says how to get them), then the same vault after Import-SpotifyDataExport of an export
# written by the fakes' generator. Every expected number comes from the module's own Measure-VaultPlay / Get-VaultPlay /
# Get-VaultInfo, so the report and the cmdlets must agree.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReportCheck.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:TestHome = New-TestHome
    $script:Results = Join-Path $script:Repo 'out/test-results'
    $null = New-Item -ItemType Directory -Force -Path $script:Results
    $script:CheckDll = Initialize-ReportCheck -RepoRoot $script:Repo

    $script:Fake = Start-FakeSpotify -Preset Demo -Seed 9
    $script:Env = @{
        MUSIVAULT_HOME                 = $script:TestHome
        MUSIVAULT_VAULT                = $null
        MUSIVAULT_SPOTIFY_API_URL      = $script:Fake.ApiUrl
        MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
    }
    $script:Vault = Join-Path $script:TestHome 'listening.db'

    # Runs a script in a fresh pwsh with the module; returns the JSON its last line printed.
    function Invoke-Module([string] $Body, [hashtable] $Environment = $script:Env) {
        $out = Invoke-FreshPwsh -Environment $Environment -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
$Body
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        return @($out | Where-Object { "$_".StartsWith('{') })[-1] | ConvertFrom-Json -AsHashtable
    }

    # The library (and its images) without the recently played list: a vault with no plays at all.
    $null = Invoke-Module @"
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
Sync-SpotifyLibrary -Vault '$script:Vault' -Include Profile, LikedSongs, Playlists, Images -DownloadImages -WarningAction SilentlyContinue | Out-Null
'{}'
"@
    $script:NoPlaysReport = Join-Path $script:TestHome 'no-plays.html'
    $script:NoPlaysInfo = Invoke-Module @"
`$null = Export-VaultReport '$script:NoPlaysReport' -Vault '$script:Vault'
Get-VaultInfo -Vault '$script:Vault' | Select-Object Plays | ConvertTo-Json -Compress
"@

    # Then the listening history: an export from the fakes' generator (ends 2026-10-01, so "a year ago" has plays).
    $export = Join-Path $script:TestHome 'export'
    $generator = Get-FakeProgram -Kind Spotify
    $out = & dotnet $generator --generate-export $export --plays 4000 --years 4 --seed 11 2>&1
    if ($LASTEXITCODE -ne 0) { throw "The generator failed: $($out -join "`n")" }
    $script:Report = Join-Path $script:TestHome 'listening.html'
    $script:Expected = Invoke-Module @"
`$null = Import-SpotifyDataExport '$export' -Vault '$script:Vault'
`$progress = [System.Collections.Generic.List[string]]::new()
`$ps = [powershell]::Create()
`$null = `$ps.AddScript("Import-Module '$script:ModulePath'; Export-VaultReport '$script:Report' -Vault '$script:Vault'")
`$null = `$ps.Invoke()
if (`$ps.HadErrors) { throw (`$ps.Streams.Error | Out-String) }
foreach (`$p in `$ps.Streams.Progress) { `$progress.Add(`$p.RecordType.ToString() + ' ' + `$p.PercentComplete + ' ' + `$p.StatusDescription) }
`$months = @(Measure-VaultPlay -Vault '$script:Vault' -By Month -IncludeSkipped)
`$all = (`$months | Measure-Object Plays -Sum).Sum
`$notSkipped = (@(Measure-VaultPlay -Vault '$script:Vault' -By Month) | Measure-Object Plays -Sum).Sum
`$years = [ordered]@{}
foreach (`$y in @(Measure-VaultPlay -Vault '$script:Vault' -By Year -IncludeSkipped).Key) {
    `$start = [datetime]::new([int]`$y, 1, 1, 0, 0, 0, [DateTimeKind]::Local)
    `$top = @(Measure-VaultPlay -Vault '$script:Vault' -By Artist -Top 20 -After `$start.AddMilliseconds(-1) -Before `$start.AddYears(1))
    `$years[`$y] = @(`$top | ForEach-Object { `$_.Key + ' = ' + `$_.Plays })
}
`$day = [datetime]::Today.AddYears(-1)
`$onThisDay = @(Get-VaultPlay -Vault '$script:Vault' -IncludeSkipped -After `$day.AddMilliseconds(-1) -Before `$day.AddDays(1)).Count
@{
    Progress  = `$progress
    Months    = @(`$months | ForEach-Object { `$_.Key + ' ' + `$_.Plays })
    Plays     = (Get-VaultInfo -Vault '$script:Vault').Plays
    AllPlays  = `$all
    Skipped   = `$all - `$notSkipped
    Years     = `$years
    OnThisDay = `$onThisDay
} | ConvertTo-Json -Depth 4 -Compress
"@
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-VaultReport without plays' {
    It 'says how to get the listening history and draws no listening chart' {
        $script:NoPlaysInfo.Plays | Should -Be 0
        $check = Invoke-ReportCheck -CheckDll $script:CheckDll -Report $script:NoPlaysReport -Eval ([ordered]@{
                notice = "document.getElementById('no-plays')?.textContent ?? ''"
                charts = "document.querySelectorAll('#chart-hours, #chart-heat, #on-this-day, #skipped-share').length"
                plays  = "Number(document.querySelector('[data-count=plays]').dataset.v)"
            })
        $check.problems | Should -BeNullOrEmpty
        @($check.requests | Where-Object { $_ -notlike 'file://*' }) | Should -BeNullOrEmpty
        $check.values.notice | Should -Match 'Import-SpotifyDataExport'
        $check.values.notice | Should -Match 'Sync-SpotifyLibrary'
        $check.values.charts | Should -Be 0
        $check.values.plays | Should -Be 0
    }
}

Describe 'Export-VaultReport -EmbedImages' {
    It 'embeds the images the vault stored (as data: URLs) and still requests nothing' {
        $path = Join-Path $script:TestHome 'images.html'
        $plain = Join-Path $script:TestHome 'links.html'
        $null = Invoke-Module "`$null = Export-VaultReport '$path' -Vault '$script:Vault' -EmbedImages; `$null = Export-VaultReport '$plain' -Vault '$script:Vault'; '{}'"
        $eval = [ordered]@{
            embedded = "[...document.images].filter(i => i.getAttribute('src').startsWith('data:image/jpeg;base64,')).length"
            other    = "[...document.images].filter(i => !i.getAttribute('src').startsWith('data:')).length"
            links    = "document.querySelectorAll('a.noprint[href^=http]').length"
        }
        $embedded = Invoke-ReportCheck -CheckDll $script:CheckDll -Report $path -Eval $eval
        $linked = Invoke-ReportCheck -CheckDll $script:CheckDll -Report $plain -Eval $eval
        $embedded.problems | Should -BeNullOrEmpty
        @($embedded.requests | Where-Object { $_ -notlike 'file://*' }) | Should -BeNullOrEmpty
        $embedded.values.embedded | Should -BeGreaterThan 0
        $embedded.values.other | Should -Be 0
        # Without the switch the same images are links that load nothing until clicked.
        $linked.values.embedded + $linked.values.other | Should -Be 0
        $linked.values.links | Should -BeGreaterOrEqual $embedded.values.embedded
        @($linked.requests | Where-Object { $_ -notlike 'file://*' }) | Should -BeNullOrEmpty
    }
}

Describe 'Export-VaultReport with an imported listening history' {
    BeforeAll {
        Copy-Item $script:Report (Join-Path $script:Results 'report-listening-pester.html') -Force
        $script:Check = Invoke-ReportCheck -CheckDll $script:CheckDll -Report $script:Report -Screenshot (Join-Path $script:Results 'report-listening.png') -Eval ([ordered]@{
                noPlays   = "!!document.getElementById('no-plays')"
                cards     = "Object.fromEntries([...document.querySelectorAll('#listening [data-count]')].map(e => [e.dataset.count, Number(e.dataset.v)]))"
                points    = "document.querySelectorAll('#chart-hours .pt').length"
                tips      = "[...document.querySelectorAll('#chart-hours .pt')].map(e => e.dataset.tip)"
                cells     = "document.querySelectorAll('#chart-heat rect.cell').length"
                cellPlays = "[...document.querySelectorAll('#chart-heat rect.cell')].reduce((s, e) => s + Number(e.dataset.tip.match(/: ([\d,]+) plays$/)[1].replaceAll(',', '')), 0)"
                skipped   = "document.getElementById('skipped-share').textContent"
                artists   = "Object.fromEntries([...document.querySelectorAll('.years details')].map(d => [d.id.slice(5), [...[...d.querySelectorAll('.tops > div')].find(x => x.querySelector('h3').textContent === 'Artists').querySelectorAll('li')].map(li => li.querySelector('bdi').textContent + ' = ' + li.querySelector('.muted').textContent.match(/([\d,]+) plays$/)[1].replaceAll(',', ''))]))"
                onThisDay = "document.querySelectorAll('#on-this-day li').length"
                dayTitle  = "[...document.querySelectorAll('#listening h3')].find(h => h.textContent.startsWith('On this day'))?.textContent ?? ''"
            })
        $script:V = $script:Check.values
    }

    It 'loads nothing and logs no error in Chromium' {
        $script:Check.problems | Should -BeNullOrEmpty
        @($script:Check.requests | Where-Object { $_ -notlike 'file://*' }) | Should -BeNullOrEmpty
        @($script:Check.requests).Count | Should -Be 1
        $script:V.noPlays | Should -BeFalse
    }

    It 'counts the plays Get-VaultInfo counts' {
        $script:Expected.Plays | Should -BeGreaterThan 3000
        $script:V.cards.listeningPlays | Should -Be $script:Expected.Plays
        $script:Expected.AllPlays | Should -Be $script:Expected.Plays
    }

    It 'draws hours per month: one point per month from the first to the last, with the plays Measure-VaultPlay counts' {
        $months = @($script:Expected.Months)
        $first = [datetime]::ParseExact($months[0].Substring(0, 7), 'yyyy-MM', $null)
        $last = [datetime]::ParseExact($months[-1].Substring(0, 7), 'yyyy-MM', $null)
        $script:V.points | Should -Be (($last.Year - $first.Year) * 12 + $last.Month - $first.Month + 1)
        $script:V.points | Should -BeGreaterThan 40
        # Tips read "2024-03: 12.5 h, 1,234 plays"; months without plays are drawn at 0.
        $shown = @($script:V.tips | Where-Object { $_ -notmatch ' 0 plays$' } | ForEach-Object {
                if ($_ -match '^(\d{4}-\d{2}): .* ([\d,]+) plays$') { $Matches[1] + ' ' + $Matches[2].Replace(',', '') }
            })
        $shown | Should -Be $months
    }

    It 'draws the weekday × hour heat map over every play' {
        $script:V.cells | Should -Be (7 * 24)
        $script:V.cellPlays | Should -Be $script:Expected.Plays
    }

    It 'shows the skipped share' {
        $share = $script:Expected.Skipped / $script:Expected.Plays
        $script:Expected.Skipped | Should -BeGreaterThan 0
        $script:V.skipped | Should -Be $share.ToString('P1', [cultureinfo]::InvariantCulture)
    }

    It 'lists the top artists of each year as Measure-VaultPlay -By Artist does for that year' {
        $years = $script:Expected.Years
        @($script:V.artists.Keys | Sort-Object) | Should -Be @($years.Keys | Sort-Object)
        foreach ($year in $years.Keys) {
            @($script:V.artists[$year]) | Should -Be @($years[$year]) -Because "the top artists of $year"
            @($years[$year]).Count | Should -BeGreaterThan 0
        }
    }

    It 'lists the plays of this day a year ago' {
        $script:V.dayTitle | Should -BeLike "On this day, a year ago ($([datetime]::Today.AddYears(-1).ToString('yyyy-MM-dd')))"
        $script:Expected.OnThisDay | Should -BeGreaterThan 0
        $script:V.onThisDay | Should -Be ([Math]::Min(200, $script:Expected.OnThisDay))
    }

    It 'is readable at phone width: nothing wider than the screen' {
        $check = Invoke-ReportCheck -CheckDll $script:CheckDll -Report $script:Report -Width 375 -Height 800 -Screenshot (Join-Path $script:Results 'report-listening-phone.png') -Eval ([ordered]@{
                open   = "document.querySelectorAll('details').forEach(d => d.open = true)"
                widths = "({ doc: document.documentElement.scrollWidth, view: window.innerWidth })"
            })
        $check.problems | Should -BeNullOrEmpty
        $check.values.widths.doc | Should -BeLessOrEqual $check.values.widths.view
    }

    It 'reports its steps with Write-Progress and completes the progress' {
        $progress = @($script:Expected.Progress)
        $progress | Should -Contain 'Processing 0 Reading playlists, entries and tracks'
        @($progress | Where-Object { $_ -like 'Processing * Reading the listening history' }).Count | Should -Be 1
        @($progress | Where-Object { $_ -like 'Processing * Writing the report' }).Count | Should -Be 1
        $progress[-1] | Should -BeLike 'Completed *'
    }
}
