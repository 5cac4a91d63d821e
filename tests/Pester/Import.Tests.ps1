# Import-SpotifyDataExport, Get-VaultPlay and Measure-VaultPlay against the built module, with exports written by the
# fakes' generator (tests/MusiVault.FakeSpotify --generate-export): every expected number comes from its manifest.json.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:SavedHome = $env:MUSIVAULT_HOME
    $script:SavedVault = $env:MUSIVAULT_VAULT
    $script:TestHome = New-TestHome
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = $null
    Import-Module (Get-TestModulePath) -Force
    $script:Generator = Get-FakeProgram -Kind Spotify

    function script:New-Export([string] $Name, [string[]] $Options) {
        $folder = Join-Path $script:TestHome $Name
        $out = & dotnet $script:Generator --generate-export $folder --plays 3000 --years 4 --seed 7 --plays-per-file 700 @Options 2>&1
        if ($LASTEXITCODE -ne 0) { throw "The generator failed: $($out -join "`n")" }
        [pscustomobject]@{ Folder = $folder; Manifest = Get-Content (Join-Path $folder 'manifest.json') -Raw | ConvertFrom-Json }
    }

    $script:Folder = New-Export 'folder' @('--truncated', '--odd-encodings')
    $script:Zip = New-Export 'zip' @('--zip', '--truncated')
    $m = $script:Folder.Manifest
    $playKinds = 'audio', 'video', 'endsong', 'accountMusic', 'accountPodcast'
    $script:PlaysInGoodFiles = ($m.files | Where-Object { -not $_.truncated -and $_.kind -in $playKinds } | Measure-Object records -Sum).Sum
    $script:KnownFiles = @($m.files | Where-Object { $_.kind -ne 'ignored' }).Count
}

AfterAll {
    Remove-Module MusiVault -Force -ErrorAction SilentlyContinue
    $env:MUSIVAULT_HOME = $script:SavedHome
    $env:MUSIVAULT_VAULT = $script:SavedVault
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Import-SpotifyDataExport' {
    It 'the generator wrote every kind of file the issue names' {
        $kinds = $script:Folder.Manifest.files.kind
        foreach ($kind in 'audio', 'video', 'endsong', 'accountMusic', 'accountPodcast', 'library', 'playlists') {
            $kinds | Should -Contain $kind
        }
        @($script:Folder.Manifest.files | Where-Object truncated).Count | Should -Be 1
        $script:Folder.Manifest.playsByKind.episode | Should -BeGreaterThan 0
        $script:Folder.Manifest.playsByKind.audiobook | Should -BeGreaterThan 0
    }

    It 'imports a folder with exact counts and reports the truncated file by name and position' {
        $vault = Join-Path $script:TestHome 'folder.db'
        $m = $script:Folder.Manifest
        $result = Import-SpotifyDataExport $script:Folder.Folder -Vault $vault -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.GetType().FullName | Should -Be 'MusiVault.ImportResult'
        $result.FilesFailed | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ExportFileInvalid*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $truncated = ($m.files | Where-Object truncated).path
        $failures[0].TargetObject | Should -BeLike "*$([System.IO.Path]::GetFileName($truncated))"
        $failures[0].Exception.Message | Should -Match 'line \d+, column \d+ \(byte \d+\)'
        $result.PlaysRead | Should -Be $script:PlaysInGoodFiles
        $result.PlaysAdded | Should -Be $m.distinctPlays
        $result.PlaysAlreadyPresent | Should -Be $m.endsongDuplicates
        $result.AccountPlaysMatched | Should -Be $m.accountMatched
        $result.Playlists | Should -Be $m.playlists
        $result.PlaylistItems | Should -Be $m.playlistItems
        @(Get-VaultPlay -Vault $vault -IncludeSkipped).Count | Should -Be $m.distinctPlays
        (Get-VaultInfo -Vault $vault).Plays | Should -Be $m.distinctPlays
        @(Get-VaultPlay -Vault $vault -IncludeSkipped | Where-Object Kind -EQ 'episode').Count | Should -BeGreaterThan 0
        @(Get-VaultPlay -Vault $vault -IncludeSkipped | Where-Object Kind -EQ 'audiobook').Count | Should -BeGreaterThan 0
        @(Get-VaultPlay -Vault $vault -IncludeSkipped | Where-Object { $null -eq $_.Kind }).Count | Should -BeGreaterThan 0
    }

    It 'imports the same export as a zip with the same counts; re-import adds 0' {
        $vault = Join-Path $script:TestHome 'zip.db'
        $m = $script:Zip.Manifest
        $zip = Join-Path $script:Zip.Folder $m.zipFile
        $first = Import-SpotifyDataExport $zip -Vault $vault -ErrorAction SilentlyContinue
        $first.PlaysAdded | Should -Be $m.distinctPlays
        $first.FilesFailed | Should -Be 1
        $again = Import-SpotifyDataExport $zip -Vault $vault -ErrorAction SilentlyContinue
        $again.PlaysAdded | Should -Be 0
        $again.PlaysAlreadyPresent + $again.AccountPlaysMatched | Should -Be $again.PlaysRead
        @(Get-VaultPlay -Vault $vault -IncludeSkipped).Count | Should -Be $m.distinctPlays
    }

    It 'stores network fields only with -IncludeNetworkFields' {
        $without = Join-Path $script:TestHome 'nonet.db'
        $with = Join-Path $script:TestHome 'net.db'
        $file = Get-ChildItem $script:Folder.Folder -Recurse -Filter 'endsong_*.json' | Select-Object -First 1
        $null = Import-SpotifyDataExport $file.FullName -Vault $without
        $null = Import-SpotifyDataExport $file.FullName -Vault $with -IncludeNetworkFields
        @(Get-VaultPlay -Vault $without -IncludeSkipped | Where-Object IpAddress).Count | Should -Be 0
        @(Get-VaultPlay -Vault $with -IncludeSkipped | Where-Object IpAddress).Count | Should -BeGreaterThan 0
    }

    It '-WhatIf reads and reports but creates no vault' {
        $vault = Join-Path $script:TestHome 'whatif.db'
        $result = Import-SpotifyDataExport $script:Folder.Folder -Vault $vault -WhatIf -ErrorAction SilentlyContinue
        $result.WhatIf | Should -BeTrue
        $result.PlaysRead | Should -Be $script:PlaysInGoodFiles
        $result.PlaysAdded | Should -Be 0
        Test-Path $vault | Should -BeFalse
    }
}

Describe 'Measure-VaultPlay' {
    BeforeAll {
        $script:MVault = Join-Path $script:TestHome 'folder.db'
    }

    It 'equals Group-Object over Get-VaultPlay for -By <By>' -ForEach @(
        @{ By = 'Artist'; Property = 'Artist' }
        @{ By = 'Show'; Property = 'Show' }
        @{ By = 'Platform'; Property = 'Platform' }
        @{ By = 'Track'; Property = 'Uri' }
        @{ By = 'Year'; Property = { $_.EndedAt.LocalDateTime.ToString('yyyy') } }
        @{ By = 'Month'; Property = { $_.EndedAt.LocalDateTime.ToString('yyyy-MM') } }
        @{ By = 'Hour'; Property = { $_.EndedAt.LocalDateTime.ToString('HH') } }
    ) {
        foreach ($skipped in $false, $true) {
            $plays = @(Get-VaultPlay -Vault $script:MVault -IncludeSkipped:$skipped -MinPlayed 00:00:05)
            # Track groups are compared where a URI names the item (items known only by name are grouped by their names).
            $expected = @($plays | Where-Object { $null -ne $(if ($Property -is [scriptblock]) { $_ | ForEach-Object $Property } else { $_.$Property }) } |
                    Group-Object -Property $Property -CaseSensitive | ForEach-Object {
                        "$($_.Name)|$($_.Count)|$([long]($_.Group | ForEach-Object { $_.Played.TotalMilliseconds } | Measure-Object -Sum).Sum)"
                    } | Sort-Object)
            $rows = @(Measure-VaultPlay -Vault $script:MVault -By $By -IncludeSkipped:$skipped -MinPlayed 00:00:05)
            if ($By -eq 'Track') {
                ($rows | Measure-Object Plays -Sum).Sum | Should -Be @($plays | Where-Object Name).Count
                $rows = @($rows | Where-Object Uri)
            }
            $measured = @($rows | ForEach-Object {
                    $key = if ($By -eq 'Track') { $_.Uri } else { $_.Key }
                    "$key|$($_.Plays)|$([long]$_.Played.TotalMilliseconds)"
                } | Sort-Object)
            $measured.Count | Should -BeGreaterThan 0
            $measured | Should -Be $expected -Because "-By $By -IncludeSkipped:$skipped"
        }
    }

    It '-Top returns the most played groups, most first' {
        $all = @(Measure-VaultPlay -Vault $script:MVault -By Artist)
        $top = @(Measure-VaultPlay -Vault $script:MVault -By Artist -Top 5)
        $top.Count | Should -Be 5
        $top.Key | Should -Be @($all | Select-Object -First 5).Key
        $top[0].Plays | Should -BeGreaterOrEqual $top[4].Plays
        $top[0].GetType().FullName | Should -Be 'MusiVault.VaultPlayMeasure'
    }
}

Describe 'Merge with the plays Sync-SpotifyLibrary recorded' {
    BeforeAll {
        $script:Fake = Start-FakeSpotify -Preset Demo -Seed 5
        $script:SyncHome = New-TestHome
        $script:Env = @{
            MUSIVAULT_HOME                 = $script:SyncHome
            MUSIVAULT_VAULT                = $null
            MUSIVAULT_SPOTIFY_API_URL      = $script:Fake.ApiUrl
            MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
        }
        $script:SyncVault = Join-Path $script:SyncHome 'synced.db'
        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-TestModulePath)'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
Sync-SpotifyLibrary -Vault '$script:SyncVault' | Out-Null
'synced'
"@
        if ($out -notcontains 'synced') { throw "Sync failed: $($out -join "`n")" }
    }

    AfterAll {
        Stop-Fake $script:Fake
        Remove-Item $script:SyncHome -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'an export holding the synced plays (end times a few seconds off) gives one row per real play' {
        $api = @(Get-VaultPlay -Vault $script:SyncVault -IncludeSkipped)
        $api.Count | Should -BeGreaterThan 0
        ($api.Source | Sort-Object -Unique) | Should -Be 'Api'
        # The same plays as Spotify's export states them: to the second, 2 s later, with the export's fields; plus new ones.
        $records = foreach ($p in $api | Where-Object Uri -Like 'spotify:track:*') {
            [ordered]@{
                ts = $p.EndedAt.UtcDateTime.AddSeconds(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"); platform = 'linux'; ms_played = 123456
                conn_country = 'SE'; master_metadata_track_name = $p.Name; master_metadata_album_artist_name = $p.Artist
                master_metadata_album_album_name = $p.Album; spotify_track_uri = $p.Uri; reason_start = 'trackdone'
                reason_end = 'trackdone'; shuffle = $false; skipped = $false; offline = $false; incognito_mode = $false
            }
        }
        $overlap = @($records).Count
        $records += [ordered]@{ ts = '2020-01-01T10:00:00Z'; ms_played = 200000; master_metadata_track_name = 'Older'
            master_metadata_album_artist_name = 'Someone'; spotify_track_uri = 'spotify:track:older00000000000000000'; skipped = $false }
        $folder = New-Item -ItemType Directory (Join-Path $script:SyncHome 'overlap')
        $records | ConvertTo-Json -Depth 3 | Set-Content (Join-Path $folder 'Streaming_History_Audio_2020-2026_0.json') -Encoding utf8

        $result = Import-SpotifyDataExport $folder.FullName -Vault $script:SyncVault
        $result.PlaysMergedWithApi | Should -Be $overlap
        $result.PlaysAdded | Should -Be 1
        $plays = @(Get-VaultPlay -Vault $script:SyncVault -IncludeSkipped)
        $plays.Count | Should -Be ($api.Count + 1)
        $merged = @($plays | Where-Object Source -EQ 'Api, Export')
        $merged.Count | Should -Be $overlap
        $merged.Platform | Sort-Object -Unique | Should -Be 'linux'
        $merged[0].Played | Should -Be ([timespan]::FromMilliseconds(123456))

        $again = Import-SpotifyDataExport $folder.FullName -Vault $script:SyncVault
        $again.PlaysAdded + $again.PlaysMergedWithApi | Should -Be 0
        @(Get-VaultPlay -Vault $script:SyncVault -IncludeSkipped).Count | Should -Be ($api.Count + 1)
    }

    It 'a sync after the import does not add the merged plays again' {
        $before = @(Get-VaultPlay -Vault $script:SyncVault -IncludeSkipped).Count
        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-TestModulePath)'
Sync-SpotifyLibrary -Vault '$script:SyncVault' -Full | Out-Null
'synced'
"@
        $out | Should -Contain 'synced'
        @(Get-VaultPlay -Vault $script:SyncVault -IncludeSkipped).Count | Should -Be $before
    }
}
