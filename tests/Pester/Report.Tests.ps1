# Export-VaultReport against the built module: a vault synced from the fake Spotify (with history from the fake's demo
# changes and a playlist whose name is markup), opened in real headless Chromium through tests/MusiVault.ReportCheck.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReportCheck.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:TestHome = New-TestHome
    $script:Results = Join-Path $script:Repo 'out/test-results'
    $null = New-Item -ItemType Directory -Force -Path $script:Results
    $script:Hostile = '<script>alert("x")</script> O''Brien'
    $script:EmojiTrack = '🔥 東京の夜 Café ☕'

    # The browser check program (tests/MusiVault.ReportCheck), built on demand; no Chromium = the test fails saying so.
    $script:CheckDll = Initialize-ReportCheck -RepoRoot $script:Repo
    function Invoke-ReportCheck([string] $Report, [System.Collections.Specialized.OrderedDictionary] $Eval, [string] $Screenshot, [int] $Width = 1280, [int] $Height = 900) {
        ReportCheck\Invoke-ReportCheck -CheckDll $script:CheckDll -Report $Report -Eval $Eval -Screenshot $Screenshot -Width $Width -Height $Height
    }

    $script:Fake = Start-FakeSpotify -Preset Demo -Seed 5
    $script:Env = @{
        MUSIVAULT_HOME                 = $script:TestHome
        MUSIVAULT_VAULT                = $null
        MUSIVAULT_SPOTIFY_API_URL      = $script:Fake.ApiUrl
        MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
    }

    # A playlist whose name is markup, made the way a user would: through the (fake) Web API.
    # Spotify rotates refresh tokens: the one this call returns is the one Connect-Spotify must use.
    $grant = Invoke-RestMethod -Method Post -Uri "$($script:Fake.AccountsUrl.TrimEnd('/'))/api/token" -Body @{
        grant_type = 'refresh_token'; refresh_token = $script:Fake.RefreshToken; client_id = $script:Fake.ClientId
    }
    $refreshToken = if ($grant.PSObject.Properties['refresh_token'] -and $grant.refresh_token) { $grant.refresh_token } else { $script:Fake.RefreshToken }
    $headers = @{ Authorization = "Bearer $($grant.access_token)" }
    $created = Invoke-RestMethod -Method Post -Uri "$($script:Fake.ApiUrl.TrimEnd('/'))/me/playlists" -Headers $headers `
        -ContentType 'application/json; charset=utf-8' -Body ([Text.Encoding]::UTF8.GetBytes((@{ name = $script:Hostile } | ConvertTo-Json)))
    $liked = Invoke-RestMethod -Uri "$($script:Fake.ApiUrl.TrimEnd('/'))/me/tracks?limit=5" -Headers $headers
    $uris = @($liked.items | ForEach-Object { if ($_.PSObject.Properties['track']) { $_.track.uri } else { $_.item.uri } })
    $null = Invoke-RestMethod -Method Post -Uri "$($script:Fake.ApiUrl.TrimEnd('/'))/playlists/$($created.id)/items" -Headers $headers `
        -ContentType 'application/json' -Body (@{ uris = $uris } | ConvertTo-Json)

    $script:Vault = Join-Path $script:TestHome 'report.db'
    $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$refreshToken' | Out-Null
Sync-SpotifyLibrary -Vault '$script:Vault' | Out-Null
'synced'
"@
    if ($out -notcontains 'synced') { throw "First sync failed: $($out -join "`n")" }
    # History: the fake's demo scenario unlikes, renames, removes and makes a track unavailable; the second sync sees it.
    $null = Invoke-RestMethod -Method Post -Uri "$($script:Fake.ControlUrl)/mutate?scenario=demo"
    $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
Sync-SpotifyLibrary -Vault '$script:Vault' | Out-Null
'info=' + (Get-VaultInfo -Vault '$script:Vault' | Select-Object LikedTracks, Playlists, PlaylistEntries, Albums, Artists, Shows, Episodes, Plays | ConvertTo-Json -Compress)
"@
    $infoLine = @($out | Where-Object { "$_".StartsWith('info=') })
    if ($LASTEXITCODE -ne 0 -or $infoLine.Count -ne 1) { throw "Second sync failed: $($out -join "`n")" }
    $script:Info = $infoLine[0].Substring(5) | ConvertFrom-Json

    function Export-Report([string] $Name, [string] $Arguments = '') {
        $path = Join-Path $script:TestHome $Name
        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
`$f = Export-VaultReport -Path '$path' -Vault '$script:Vault' $Arguments
"type=`$(`$f.GetType().FullName)"
"path=`$(`$f.FullName)"
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Contain 'type=System.IO.FileInfo'
        $out | Should -Contain "path=$path"
        return $path
    }
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-VaultReport' {
    BeforeAll {
        $script:Report = Export-Report 'report.html'
        Copy-Item $script:Report (Join-Path $script:Results 'report-pester.html') -Force
        $eval = [ordered]@{
            counts    = "Object.fromEntries([...document.querySelectorAll('[data-count]')].map(e => [e.dataset.count, Number(e.dataset.v)]))"
            points    = "document.querySelectorAll('#chart-library .pt').length"
            firstTip  = "document.querySelector('#chart-library .pt')?.dataset.tip ?? ''"
            lastTip   = "[...document.querySelectorAll('#chart-library .pt')].pop()?.dataset.tip ?? ''"
            noPlays   = "!!document.getElementById('no-plays')"
            vanished  = "document.querySelectorAll('#vanished tbody tr').length"
            search    = "(() => { const s = document.getElementById('search'); s.value = '東京の夜'; s.dispatchEvent(new Event('input')); return [...document.querySelectorAll('#results .name')].map(e => e.textContent); })()"
            hostile   = "(() => { const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); const f = document.getElementById('pl-filter'); f.value = '<script>'; f.dispatchEvent(new Event('input')); return [...document.querySelectorAll('#pl-table tbody tr')].filter(r => !r.hidden).map(r => r.cells[0].textContent); })()"
            scripts   = 'document.scripts.length'
            elements  = "document.querySelectorAll('img, b, i, iframe, object').length"
            bodyText  = 'document.body.innerText.includes(''<script>alert("x")</script>'')'
        }
        $script:Check = Invoke-ReportCheck -Report $script:Report -Eval $eval -Screenshot (Join-Path $script:Results 'report-overview.png')
        $script:V = $script:Check.values
    }

    It 'writes one self-contained file that loads nothing and logs no error in Chromium' {
        $script:Check.problems | Should -BeNullOrEmpty
        @($script:Check.requests | Where-Object { $_ -notlike 'file://*' }) | Should -BeNullOrEmpty
        @($script:Check.requests).Count | Should -Be 1
        $script:V.scripts | Should -Be 2
        (Get-Item $script:Report).Length | Should -BeLessThan 10MB
    }

    It 'shows the same overview counts as Get-VaultInfo' {
        $c = $script:V.counts
        $c.likedSongs | Should -Be $script:Info.LikedTracks
        $c.playlists | Should -Be $script:Info.Playlists
        $c.entries | Should -Be $script:Info.PlaylistEntries
        $c.albums | Should -Be $script:Info.Albums
        $c.artists | Should -Be $script:Info.Artists
        $c.shows | Should -Be $script:Info.Shows
        $c.episodes | Should -Be $script:Info.Episodes
        $c.plays | Should -Be $script:Info.Plays
        $c.likedSongs | Should -BeGreaterThan 0
    }

    It 'draws one library point per month from the first to the last month with data' {
        $first = [datetime]::ParseExact($script:V.firstTip.Substring(0, 7), 'yyyy-MM', $null)
        $last = [datetime]::ParseExact($script:V.lastTip.Substring(0, 7), 'yyyy-MM', $null)
        $months = ($last.Year - $first.Year) * 12 + $last.Month - $first.Month + 1
        $script:V.points | Should -Be $months
        $script:V.points | Should -BeGreaterThan 1
    }

    It 'finds a track with an emoji in its name through the search box' {
        $script:V.search | Should -Contain $script:EmojiTrack
    }

    It 'shows a playlist name that is markup as text, not as elements' {
        $script:V.hostile | Should -Contain $script:Hostile
        $script:V.bodyText | Should -BeTrue
        $script:V.elements | Should -Be 0
    }

    It 'lists what vanished and says how to get plays when there are none' {
        $script:V.vanished | Should -BeGreaterThan 0
        if ($script:Info.Plays -eq 0) { $script:V.noPlays | Should -BeTrue }
    }

    It 'refuses to replace a file without -Force and replaces it with -Force' {
        $path = Join-Path $script:TestHome 'exists.html'
        Set-Content $path 'keep me'
        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
Import-Module '$script:ModulePath'
try { Export-VaultReport '$path' -Vault '$script:Vault' -ErrorAction Stop } catch { "id=`$(`$_.FullyQualifiedErrorId)"; "cat=`$(`$_.CategoryInfo.Category)" }
"@
        $out | Should -Contain 'id=ReportFileExists,MusiVault.Commands.ExportVaultReportCommand'
        $out | Should -Contain 'cat=ResourceExists'
        Get-Content $path -Raw | Should -Match 'keep me'
        $null = Export-Report 'exists.html' '-Force'
        Get-Content $path -Raw | Should -Match '<!DOCTYPE html>'
    }

    It 'writes nothing with -WhatIf, and nothing when the vault is missing' {
        $path = Join-Path $script:TestHome 'whatif.html'
        $missing = Join-Path $script:TestHome 'no-such.db'
        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
Import-Module '$script:ModulePath'
Export-VaultReport '$path' -Vault '$script:Vault' -WhatIf
try { Export-VaultReport '$path' -Vault '$missing' -ErrorAction Stop } catch { "id=`$(`$_.FullyQualifiedErrorId)" }
"@
        $out | Should -Contain 'id=VaultNotFound,MusiVault.Commands.ExportVaultReportCommand'
        Test-Path $path | Should -BeFalse
        Test-Path $missing | Should -BeFalse
    }

    It 'filters the change sections with -Year' {
        $path = Export-Report 'year.html' "-Year 1999"
        $check = Invoke-ReportCheck -Report $path -Eval ([ordered]@{
                points = "document.querySelectorAll('#chart-library .pt').length"
                counts = "Object.fromEntries([...document.querySelectorAll('[data-count]')].map(e => [e.dataset.count, Number(e.dataset.v)]))"
            })
        $check.problems | Should -BeNullOrEmpty
        $check.values.points | Should -Be 0
        $check.values.counts.likedSongs | Should -Be $script:Info.LikedTracks
    }

    It 'opens the report with -Show through $BROWSER' {
        $marker = Join-Path $script:TestHome 'browser-called.txt'
        $browser = Join-Path $script:TestHome 'fake-browser.sh'
        Set-Content $browser "#!/bin/sh`necho `"`$1`" > '$marker'`n"
        if (-not $IsWindows) { chmod +x $browser }
        $path = Join-Path $script:TestHome 'show.html'
        $env2 = $script:Env.Clone(); $env2['BROWSER'] = $browser
        $out = Invoke-FreshPwsh -Environment $env2 -Script @"
Import-Module '$script:ModulePath'
`$null = Export-VaultReport '$path' -Vault '$script:Vault' -Show
`$deadline = [DateTime]::UtcNow.AddSeconds(30)
while (-not (Test-Path '$marker') -and [DateTime]::UtcNow -lt `$deadline) { Start-Sleep -Milliseconds 50 }
'done'
"@
        $out | Should -Contain 'done'
        $expected = [Uri]::new($path).AbsoluteUri  # the cast would give a relative Uri for a Unix path
        (Get-Content $marker -Raw).Trim() | Should -Be $expected
    }
}
