# Issue 13, "every default view readable at 80 columns": the views Prompt.Views.Tests.ps1 does not render (imports,
# Spotify restores, play measures; objects built by hand, the view is what is tested), and a check that every view in
# src/MusiVault/Formats is rendered by one of the two files, so a new output type cannot ship an unreadable view.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:FormatDir = Join-Path (Split-Path $script:ModulePath) 'Formats'
    $commands = [ordered]@{
        Import         = "[MusiVault.ImportResult]@{ Vault = '/home/me/.musivault/vault.db'; FilesRead = 14; PlaysRead = 123456; PlaysAdded = 120000; PlaysAlreadyPresent = 3456; LibraryItems = 2405; Playlists = 19; Duration = [timespan]'00:00:14.1234567' }"
        Restore        = "[MusiVault.RestoreResult]@{ Kind = 'Playlist'; Source = 'Road trip'; TargetName = 'Road trip 🚗 (collab) restored from the vault'; Planned = 1234; Added = 1200; AlreadyPresent = 30; Requests = 13 }, [MusiVault.RestoreResult]@{ Kind = 'FollowedPlaylists'; Source = 'vault'; TargetName = 'your library'; Planned = 19; WhatIf = `$true }"
        Measure        = "[MusiVault.VaultPlayMeasure]@{ By = 'Track'; Key = 'Tidal Echo Fire Wild and a long title'; Artist = 'Light Ghost'; Plays = 1234; Played = [timespan]'3.01:02:03'; FirstPlayedAt = '2016-03-09T10:00:00+01:00'; LastPlayedAt = '2026-11-27T10:00:00+01:00' }"
    }
    $render = foreach ($name in $commands.Keys) {
        foreach ($width in 80, 120) {
            "'<<$name $width>>'; ($($commands[$name])) | Out-String -Width $width -Stream; '<<end>>'"
        }
    }
    $out = Invoke-FreshPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
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
    # The types each file renders (Prompt.Views.Tests.ps1 by running the cmdlets against the fake).
    $script:Rendered = @(
        'SyncResult', 'VaultTrack', 'VaultPlaylist', 'VaultAlbum', 'VaultArtist', 'VaultShow', 'VaultEpisode', 'VaultTopItem',
        'VaultPlay', 'VaultChange', 'SyncRun', 'VaultInfo', 'VaultIntegrity', 'SpotifyConnection', 'SyncCollectionResult',
        'VaultBackup', 'VaultRestoreResult', 'GoogleDriveConnection', # Prompt.Views.Tests.ps1
        'ImportResult', 'RestoreResult', 'VaultPlayMeasure'           # this file
    ) | ForEach-Object { "MusiVault.$_" }
}

Describe 'Default views not rendered by Prompt.Views' {
    It '<_> fits 80 and 120 columns' -ForEach 'Import', 'Restore', 'Measure' {
        foreach ($width in 80, 120) {
            $lines = $script:Views["$_ $width"]
            @($lines | Where-Object { $_.Trim() }).Count | Should -BeGreaterThan 1 -Because "$_ at $width"
            @($lines | Where-Object { $_.Length -gt $width }) | Should -BeNullOrEmpty -Because "$_ at $width"
            $lines -join "`n" | Should -Not -Match '\d\d:\d\d:\d\d\.\d{7}|MusiVault\.\w+|\{\}' -Because "$_ at $width"
        }
    }

    It '<_> is a table with a one-line header of whole labels and right-aligned numbers' -ForEach 'Restore', 'Measure' {
        foreach ($width in 80, 120) {
            $lines = @($script:Views["$_ $width"])
            $dash = [Array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^\s*-+( +-+)*\s*$' })
            $dash | Should -BeGreaterThan 0 -Because "$_ at $width is a table"
            # A wrapped header leaves its first half on the line above the header.
            if ($dash -gt 1) { $lines[$dash - 2].Trim() | Should -BeNullOrEmpty -Because "$_ at $width" }
            foreach ($m in [regex]::Matches($lines[$dash], '-+')) {
                $label = $lines[$dash - 1].PadRight($m.Index + $m.Length).Substring($m.Index, $m.Length)
                $label.Trim() | Should -Match '^\S+$' -Because "$_ at $width, column at $($m.Index)"
                $label.Trim().Length | Should -Be $m.Length -Because "the label '$($label.Trim())' is not cut"
            }
        }
        # Numbers end where their label ends.
        $lines = @($script:Views["$_ 80"])
        $dash = [Array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^\s*-+( +-+)*\s*$' })
        $first = [regex]::Match($lines[$dash], '-+')
        $lines[$dash + 1].Substring(0, $first.Index + $first.Length) | Should -Match '\d$'
    }

    It 'the import shows its duration as m:ss' {
        $script:Views['Import 80'] -join "`n" | Should -Match 'Duration\s+: 0:14\b'
    }

    It 'a Spotify restore shows the whole kind, marks a plan, and names its target (in full at 120)' {
        $script:Views['Restore 80'] -join "`n" | Should -Match 'FollowedPlaylists +\(plan\) your library'
        $script:Views['Restore 80'] -join "`n" | Should -Match 'Playlist +Road trip 🚗 \(col'
        $script:Views['Restore 120'] -join "`n" | Should -Match 'Road trip 🚗 \(collab\) restored from the vault'
    }
}

Describe 'Every default view is rendered by a test' {
    It 'each type with a view in Formats/*.Format.ps1xml is rendered by Prompt.Views or this file' {
        $viewTypes = foreach ($file in Get-ChildItem $script:FormatDir -Filter '*.Format.ps1xml') {
            ([xml](Get-Content -Raw $file.FullName)).SelectNodes('//ViewSelectedBy/TypeName') | ForEach-Object InnerText
        }
        @($viewTypes | Sort-Object -Unique | Where-Object { $_ -notin $script:Rendered }) | Should -BeNullOrEmpty
    }
}
