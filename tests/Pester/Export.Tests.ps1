# Export-VaultPlaylist against the built module, in the Pester process, on a vault synced from the fake Spotify.
# The expected side of every test is the fake's own view read over its Web API, not the vault: the exported files
# must list what Spotify lists. The XSPF files are validated by xmllint (Debian's libxml2-utils) against the XSPF 1
# schema written from the spec in tests/MusiVault.Engine.Tests/Export/XspfSchemas.cs.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:SavedHome = $env:MUSIVAULT_HOME
    $script:SavedVault = $env:MUSIVAULT_VAULT
    $script:TestHome = New-TestHome
    $env:MUSIVAULT_HOME = $script:TestHome
    $env:MUSIVAULT_VAULT = $null
    Import-Module (Get-TestModulePath) -Force
    $script:Fake = Start-FakeSpotify -RepoRoot $repo -Preset Small -Seed 17

    # A token of our own for the fake's Web API: it creates playlists with awkward names, then is the oracle.
    $grant = Invoke-RestMethod -Method Post "$($script:Fake.ControlUrl)/refresh-token"
    $token = Invoke-RestMethod -Method Post "$($script:Fake.AccountsUrl.TrimEnd('/'))/api/token" -Body @{
        grant_type = 'refresh_token'; refresh_token = $grant.refreshToken; client_id = $grant.clientId }
    $headers = @{ Authorization = "Bearer $($token.access_token)" }
    $api = $script:Fake.ApiUrl
    function script:Get-FakePages([string] $Url) { while ($Url) { $page = Invoke-RestMethod -Uri $Url -Headers $headers; $page.items; $Url = $page.next } }
    $someTracks = @(Get-FakePages "$api/me/tracks?limit=50" | Select-Object -First 3 | ForEach-Object { $_.track.uri ?? $_.item.uri })
    $script:AwkwardNames = @(
        'CON', 'nul.txt', 'LPT¹', 'a/b\c:d*e?f"g<h>i|j', 'trailing dots...', '  spaces around  ', '.hidden', '..',
        "line`nbreak`ttab", "bidi $([char]0x202E)gpj.exe", 'Ünïcödé ✨ 🎧', ('é' * 300), 'Dup', 'DUP', "ctrl$([char]1)char",
        'Semi;colon, "Quote" & <Tag>')
    foreach ($name in $script:AwkwardNames) {
        $created = Invoke-RestMethod -Method Post "$api/me/playlists" -Headers $headers -ContentType 'application/json; charset=utf-8' `
            -Body ([Text.Encoding]::UTF8.GetBytes((@{ name = $name } | ConvertTo-Json -Compress)))
        $null = Invoke-RestMethod -Method Post "$api/playlists/$($created.id)/items" -Headers $headers -ContentType 'application/json' `
            -Body (@{ uris = $someTracks } | ConvertTo-Json -Compress)
    }

    $script:Vault = Join-Path $script:TestHome 'synced.db'
    $fakeHome = New-Item -ItemType Directory -Force -Path (Join-Path $script:TestHome 'fake-home')
    $environment = @{ MUSIVAULT_HOME = $fakeHome.FullName; MUSIVAULT_VAULT = $null
        MUSIVAULT_SPOTIFY_API_URL = $script:Fake.ApiUrl; MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl }
    $out = Invoke-FreshPwsh -Environment $environment -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-TestModulePath)'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
'status=' + (Sync-SpotifyLibrary -Vault '$($script:Vault)').Status
"@
    if ($out -notcontains 'status=succeeded') { throw "The sync from the fake failed: $($out -join "`n")" }

    $script:FakePlaylists = @(Get-FakePages "$api/me/playlists?limit=50")
    $script:FakeEntries = @{}
    foreach ($p in $script:FakePlaylists) {
        try { $script:FakeEntries[$p.id] = @(Get-FakePages "$api/playlists/$($p.id)/items?limit=50") }
        catch [Microsoft.PowerShell.Commands.HttpResponseException] {
            if ([int]$_.Exception.Response.StatusCode -notin 403, 404) { throw }
            $script:FakeEntries[$p.id] = @() # refused to this app: exported with no entries
        }
    }
    $script:FakeLiked = @(Get-FakePages "$api/me/tracks?limit=50")
    function script:ItemOf($entry) { if ($entry.PSObject.Properties['item']) { $entry.item } else { $entry.track } }
    function script:UriOf($entry) { $item = ItemOf $entry; if ($item) { $item.uri } else { '' } }

    # The followed playlist's "no entries" warning is expected in every export of all playlists.
    $PSDefaultParameterValues = @{ 'Export-VaultPlaylist:Vault' = $script:Vault; 'Get-VaultPlaylist:Vault' = $script:Vault
        'Export-VaultPlaylist:WarningAction' = 'SilentlyContinue' }
    $script:ExportifyColumns = @('Track URI', 'Track Name', 'Artist URI(s)', 'Artist Name(s)', 'Album URI', 'Album Name',
        'Album Artist URI(s)', 'Album Artist Name(s)', 'Album Release Date', 'Album Image URL', 'Disc Number',
        'Track Number', 'Track Duration (ms)', 'Track Preview URL', 'Explicit', 'Popularity', 'ISRC', 'Added By', 'Added At')

    # Exports every playlist (pipeline from Get-VaultPlaylist) and Liked Songs in one format; returns
    # @{ Id = FileInfo } with '' for Liked Songs.
    function script:Export-Everything([string] $Format) {
        $folder = Join-Path $script:TestHome "all-$Format-$([Guid]::NewGuid().ToString('N').Substring(0, 6))"
        $files = @{}
        $playlists = @(Get-VaultPlaylist)
        $written = @($playlists | Export-VaultPlaylist -Format $Format -Destination $folder)
        $written.Count | Should -Be $playlists.Count
        for ($i = 0; $i -lt $playlists.Count; $i++) { $files[$playlists[$i].Id] = $written[$i] }
        $files[''] = Export-VaultPlaylist -Liked -Format $Format -Destination $folder
        $files
    }
    function script:Expected([string] $Id) { if ($Id) { @($script:FakeEntries[$Id]) } else { @($script:FakeLiked) } }

    # The XSPF 1 XSD, as the engine tests hold it, written out for xmllint.
    $source = Get-Content -Raw (Join-Path $repo 'tests/MusiVault.Engine.Tests/Export/XspfSchemas.cs')
    $match = [regex]::Match($source, '(?s)public const string Xsd = """\r?\n(?<body>.*?)\r?\n(?<indent>[ ]*)""";')
    if (-not $match.Success) { throw 'The XSD was not found in XspfSchemas.cs.' }
    $indent = $match.Groups['indent'].Value.Length
    $script:Xsd = Join-Path $script:TestHome 'xspf1.xsd'
    ($match.Groups['body'].Value -split "`r?`n" | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent) } else { $_.TrimStart() } }) -join "`n" |
        Set-Content -Path $script:Xsd -Encoding utf8NoBOM
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Module MusiVault -Force -ErrorAction SilentlyContinue
    $env:MUSIVAULT_HOME = $script:SavedHome
    $env:MUSIVAULT_VAULT = $script:SavedVault
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-VaultPlaylist formats round-trip what Spotify lists' {
    It 'ExportifyCsv: Import-Csv reads exactly Exportify''s columns and the same URIs in order, for every playlist and Liked Songs' {
        $files = Export-Everything ExportifyCsv
        foreach ($id in $files.Keys) {
            $file = $files[$id]
            $file | Should -BeOfType [System.IO.FileInfo]
            $file.Extension | Should -Be '.csv'
            $header = (Get-Content -LiteralPath $file.FullName -TotalCount 1)
            $header | Should -BeExactly (($script:ExportifyColumns | ForEach-Object { '"' + $_ + '"' }) -join ',')
            $rows = @(Import-Csv -LiteralPath $file.FullName)
            $expected = @(Expected $id | ForEach-Object { UriOf $_ })
            (@($rows | ForEach-Object 'Track URI') -join "`n") | Should -BeExactly ($expected -join "`n") -Because "$($file.Name) lists the playlist's entries"
            if ($rows.Count) { ($rows[0].PSObject.Properties.Name -join '|') | Should -BeExactly ($script:ExportifyColumns -join '|') }
            $rows | Where-Object { $_.'Track Preview URL' -or $_.Popularity } | Should -BeNullOrEmpty
        }
    }

    It 'ExportifyCsv keeps local files, episodes and entries whose item vanished' {
        $files = Export-Everything ExportifyCsv
        $all = @($files.Values | ForEach-Object { Import-Csv -LiteralPath $_.FullName })
        $all | Where-Object 'Track URI' -Like 'spotify:local:*' | Should -Not -BeNullOrEmpty
        $all | Where-Object 'Track URI' -Like 'spotify:episode:*' | Should -Not -BeNullOrEmpty
        $all | Where-Object 'Track URI' -EQ '' | Should -Not -BeNullOrEmpty
        $local = $all | Where-Object 'Track URI' -Like 'spotify:local:*' | Select-Object -First 1
        $local.'Track Name' | Should -Not -BeNullOrEmpty
        $dated = @($all | Where-Object 'Added At' -NE '')
        $dated | Should -Not -BeNullOrEmpty
        $dated | ForEach-Object { $_.'Added At' | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$' }
    }

    It 'Xspf: every file validates against the XSPF 1 schema with xmllint and lists every entry' {
        $xmllint = Get-Command xmllint -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        $xmllint | Should -Not -BeNullOrEmpty -Because 'xmllint validates the XSPF files; install it (Debian/Ubuntu: apt-get install libxml2-utils)'
        $files = Export-Everything Xspf
        foreach ($id in $files.Keys) {
            $file = $files[$id]
            $output = & $xmllint.Source --noout --schema $script:Xsd $file.FullName 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "$($file.Name): $($output -join ' ')"
            [xml] $doc = Get-Content -Raw -LiteralPath $file.FullName -Encoding utf8
            $ns = @{ x = 'http://xspf.org/ns/0/' }
            $tracks = @(Select-Xml -Xml $doc -XPath '/x:playlist/x:trackList/x:track' -Namespace $ns)
            $expected = @(Expected $id)
            $tracks.Count | Should -Be $expected.Count -Because $file.Name
            for ($i = 0; $i -lt $expected.Count; $i++) {
                $uri = UriOf $expected[$i]
                $identifiers = @($tracks[$i].Node.identifier)
                if ($uri) { $identifiers | Should -Contain $uri }
                if ($uri -match '^spotify:(track|episode):(\w+)$') {
                    $tracks[$i].Node.location | Should -Be "https://open.spotify.com/$($Matches[1])/$($Matches[2])"
                }
            }
        }
    }

    It 'M3u: every entry is listed, as its open.spotify.com link or as a comment saying why it has none' {
        $files = Export-Everything M3u
        foreach ($id in $files.Keys) {
            $file = $files[$id]
            $file.Extension | Should -Be '.m3u8'
            $lines = @(Get-Content -LiteralPath $file.FullName -Encoding utf8)
            $lines[0] | Should -BeExactly '#EXTM3U'
            $lines | Where-Object { $_ -like '#PLAYLIST:*' } | Should -HaveCount 1
            $links = @($lines | Where-Object { $_ -like 'https://*' })
            $expected = @(Expected $id | ForEach-Object { UriOf $_ })
            $expectedLinks = @($expected | Where-Object { $_ -match '^spotify:(track|episode):' } |
                    ForEach-Object { $_ -replace '^spotify:(track|episode):', 'https://open.spotify.com/$1/' })
            ($links -join "`n") | Should -BeExactly ($expectedLinks -join "`n") -Because $file.Name
            @($lines | Where-Object { $_ -like '#EXTINF:*' }).Count | Should -Be $links.Count
            foreach ($local in @($expected | Where-Object { $_ -like 'spotify:local:*' })) {
                $lines | Where-Object { $_.StartsWith('# ') -and $_.Contains($local) } | Should -Not -BeNullOrEmpty
            }
            $unknown = @($expected | Where-Object { -not $_ }).Count
            @($lines | Where-Object { $_ -like '# No Spotify link*' }).Count | Should -Be $unknown -Because $file.Name
        }
    }

    It 'Json: the items are the fake''s items, in order, in Spotify''s shape' {
        $files = Export-Everything Json
        foreach ($id in $files.Keys) {
            $json = Get-Content -Raw -LiteralPath $files[$id].FullName | ConvertFrom-Json -Depth 64
            $expected = @(Expected $id | ForEach-Object { UriOf $_ })
            (@($json.items.items | ForEach-Object { if ($_.item) { $_.item.uri } else { '' } }) -join "`n") | Should -BeExactly ($expected -join "`n")
            $json.items.total | Should -Be $expected.Count
            if ($id) { $json.id | Should -Be $id }
        }
    }
}

Describe 'Export-VaultPlaylist files and names' {
    It 'names the files of awkward playlist names validly for Linux and Windows, one file per playlist' {
        $folder = Join-Path $script:TestHome 'awkward'
        $files = @(Get-VaultPlaylist | Export-VaultPlaylist -Format M3u -Destination $folder)
        $listed = @(Get-ChildItem -LiteralPath $folder -File -Force)
        $listed.Count | Should -Be $files.Count
        @($files.Name | Sort-Object -Unique).Count | Should -Be $files.Count
        $device = '^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)(\..*)?$'
        foreach ($file in $files) {
            $name = $file.Name
            $name | Should -Not -Match '[\x00-\x1F\x7F<>:"/\\|?*]'
            $name | Should -Not -Match '[. ]$'
            $name | Should -Not -Match '^[. ]'
            $name | Should -Not -Match $device
            $name | Should -Not -Match '[\u202A-\u202E\u2066-\u2069]'
            [Text.Encoding]::UTF8.GetByteCount($name) | Should -BeLessOrEqual 255
            $name.IsNormalized([Text.NormalizationForm]::FormC) | Should -BeTrue
            $listed.Name | Should -Contain $name
            Get-Content -LiteralPath $file.FullName -TotalCount 1 | Should -BeExactly '#EXTM3U'
        }
        # The awkward playlists were exported too (their files hold the three tracks added to each).
        foreach ($awkward in $script:AwkwardNames) {
            $id = ($script:FakePlaylists | Where-Object name -CEQ $awkward).id
            $file = $files[[array]::IndexOf(@(Get-VaultPlaylist).Id, $id)]
            @(Get-Content -LiteralPath $file.FullName | Where-Object { $_ -like 'https://*' }).Count | Should -Be 3 -Because "'$awkward' → $($file.Name)"
        }
    }

    It 'needs -Force to replace an existing file, reports ExportFileExists and goes on with the next playlist' {
        $folder = Join-Path $script:TestHome 'force'
        $first = Export-VaultPlaylist -Liked -Destination $folder
        Set-Content -LiteralPath $first.FullName -Value 'keep me'
        $errors = $null
        $out = @(Export-VaultPlaylist -All -Liked -Destination $folder -ErrorAction SilentlyContinue -ErrorVariable errors)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ExportFileExists,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors[0].TargetObject | Should -Be $first.FullName
        Get-Content -LiteralPath $first.FullName | Should -Be 'keep me'
        $out.Count | Should -Be @(Get-VaultPlaylist).Count
        $again = Export-VaultPlaylist -Liked -Destination $folder -Force
        $again.FullName | Should -Be $first.FullName
        Get-Content -LiteralPath $first.FullName -TotalCount 1 | Should -BeLike '"Track URI",*'
        Get-ChildItem -LiteralPath $folder -Force -Filter '*.tmp' | Should -BeNullOrEmpty
    }

    It '-WhatIf writes nothing and creates no folder' {
        $folder = Join-Path $script:TestHome 'whatif'
        $out = @(Export-VaultPlaylist -All -Liked -Destination $folder -WhatIf)
        $out | Should -BeNullOrEmpty
        Test-Path -LiteralPath $folder | Should -BeFalse
        $file = Join-Path $script:TestHome 'whatif.xspf'
        Export-VaultPlaylist -Liked -Format Xspf -Destination $file -WhatIf
        Test-Path -LiteralPath $file | Should -BeFalse
    }

    It 'resolves -Destination against the current location; a file destination takes exactly one playlist' {
        $work = New-Item -ItemType Directory -Path (Join-Path $script:TestHome 'cwd')
        Push-Location $work.FullName
        try {
            $owned = @(Get-VaultPlaylist -Owned)
            $files = @(Get-VaultPlaylist -Owned | Export-VaultPlaylist -Format Xspf -Destination ./out)
            $files.Count | Should -Be $owned.Count
            $files | ForEach-Object { $_.DirectoryName | Should -Be (Join-Path $work.FullName 'out') }
            $one = Export-VaultPlaylist -Playlist $owned[0].Uri -Destination 'one.csv'
            $one.FullName | Should -Be (Join-Path $work.FullName 'one.csv')
            $err = $null
            $none = @(Export-VaultPlaylist -All -Destination 'two.csv' -ErrorAction SilentlyContinue -ErrorVariable err)
            $none | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ExportDestinationIsFile,*'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            Test-Path 'two.csv' | Should -BeFalse
        }
        finally { Pop-Location }
    }

    It 'reports a playlist that is not in the vault or a name shared by two, and exports the others' {
        $folder = Join-Path $script:TestHome 'notfound'
        $err = $null
        $out = @('no such playlist', 'D[u]p', 'Dup' | Export-VaultPlaylist -Destination $folder -ErrorAction SilentlyContinue -ErrorVariable err)
        $out.Count | Should -Be 2 # 'D[u]p' matches 'Dup' and 'DUP': case-insensitively, as -like does
        $err.Count | Should -Be 2
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PlaylistNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'no such playlist'
        $err[1].FullyQualifiedErrorId | Should -BeLike 'PlaylistAmbiguous,*'
    }

    It '-AsOf now exports what is there now; a moment before the vault''s history is AsOfBeforeHistory and writes nothing' {
        $folder = (New-Item -ItemType Directory -Path (Join-Path $script:TestHome 'asof')).FullName
        $p = @(Get-VaultPlaylist -Owned)[0]
        $now = Export-VaultPlaylist -PlaylistId $p.Id -Destination (Join-Path $folder 'now.csv')
        $then = Export-VaultPlaylist -PlaylistId $p.Id -AsOf ([DateTimeOffset]::Now) -Destination (Join-Path $folder 'asof.csv')
        (Get-Content -Raw -LiteralPath $then.FullName) | Should -BeExactly (Get-Content -Raw -LiteralPath $now.FullName)
        $err = $null
        $none = @(Export-VaultPlaylist -PlaylistId $p.Id -AsOf '2001-01-01' -Destination (Join-Path $folder 'early.csv') -ErrorAction SilentlyContinue -ErrorVariable err)
        $none | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AsOfBeforeHistory,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path -LiteralPath (Join-Path $folder 'early.csv') | Should -BeFalse
        $err = $null
        $null = @(Export-VaultPlaylist -Liked -AsOf '2001-01-01' -Destination $folder -ErrorAction SilentlyContinue -ErrorVariable err)
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AsOfBeforeHistory,*'
    }

    It 'finds a playlist by its open.spotify.com link' {
        $p = @(Get-VaultPlaylist -Owned)[0]
        $file = Export-VaultPlaylist "https://open.spotify.com/playlist/$($p.Id)?si=0123abcd" -Format Json -Destination (Join-Path $script:TestHome 'link')
        (Get-Content -Raw -LiteralPath $file.FullName | ConvertFrom-Json -Depth 64).id | Should -Be $p.Id
    }
}
