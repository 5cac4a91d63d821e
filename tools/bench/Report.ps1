# Export-VaultReport on a large vault: 40,000 playlist entries (the fake's Large preset, 200 playlists) plus 1,000,000
# plays imported from a synthetic privacy export (the fake's --generate-export). Target (issue 17): < 10 s, < 10 MB.
#
# Dot-sourced by tools/Bench.ps1 (one line: `. (Join-Path $PSScriptRoot 'bench/Report.ps1'); $report = Measure-Report`),
# which appends Format-ReportBench's section to docs/benchmarks.md. Standalone:
#   dotnet pwsh -c ". ./tools/bench/Report.ps1; Measure-Report -ModulePath out/MusiVault/MusiVault.psd1 | Format-ReportBench"

function Measure-Report {
    [CmdletBinding()]
    param(
        [string] $ModulePath = $script:ModulePath,
        [string] $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path,
        [string] $WorkFolder = (Join-Path ([IO.Path]::GetTempPath()) ('mv-bench-report-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))),
        [int] $Entries = 40000,
        [int] $Plays = 1000000,
        [int] $Runs = 3
    )
    Import-Module (Join-Path $RepoRoot 'tests/Pester/Fakes.psm1') -Force
    $ModulePath = (Resolve-Path $ModulePath).Path
    $null = New-Item -ItemType Directory -Force -Path $WorkFolder
    $benchHome = Join-Path $WorkFolder 'home'
    $vault = Join-Path $WorkFolder 'vault.db'
    $exportFolder = Join-Path $WorkFolder 'export'
    $fake = Start-FakeSpotify -RepoRoot $RepoRoot -Preset Large -Seed 1 -ExtraArguments @('--playlists', '200', '--entries', "$Entries")
    try {
        $env:MUSIVAULT_HOME = $benchHome
        $env:MUSIVAULT_SPOTIFY_API_URL = $fake.ApiUrl
        $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $fake.AccountsUrl
        Write-Host "== Report: syncing a library with $Entries playlist entries"
        & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; Connect-Spotify -ClientId '$($fake.ClientId)' -RefreshToken '$($fake.RefreshToken)' | Out-Null; Sync-SpotifyLibrary -Vault '$vault' -WarningAction SilentlyContinue | Out-Null"
        if ($LASTEXITCODE -ne 0) { throw 'The benchmark sync failed.' }

        Write-Host "== Report: generating and importing $Plays plays"
        $fakeDll = Get-FakeProgram -Kind Spotify -RepoRoot $RepoRoot
        & dotnet $fakeDll --generate-export $exportFolder --plays $Plays --years 10 --seed 1 | Out-Null
        if ($LASTEXITCODE -ne 0) { throw 'Generating the synthetic export failed.' }
        & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; Import-SpotifyDataExport -Path '$exportFolder' -Vault '$vault' | Out-Null"
        if ($LASTEXITCODE -ne 0) { throw 'Importing the synthetic export failed.' }

        # Each run in a fresh pwsh: module load and JIT count, as they do for a user.
        $seconds = @()
        $report = Join-Path $WorkFolder 'report.html'
        for ($i = 0; $i -lt $Runs; $i++) {
            $line = & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; `$s = [Diagnostics.Stopwatch]::StartNew(); `$null = Export-VaultReport '$report' -Vault '$vault' -Force; 'seconds=' + `$s.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture)"
            $value = [double](($line | Where-Object { "$_".StartsWith('seconds=') } | Select-Object -Last 1).Substring(8))
            $seconds += $value
            Write-Host ("   report {0}: {1:N2} s" -f ($i + 1), $value)
        }
        $info = & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; `$i = Get-VaultInfo -Vault '$vault'; 'entries=' + `$i.PlaylistEntries; 'plays=' + `$i.Plays"
        $sorted = $seconds | Sort-Object
        return [pscustomobject]@{
            Entries       = [long](($info | Where-Object { "$_".StartsWith('entries=') }).Substring(8))
            Plays         = [long](($info | Where-Object { "$_".StartsWith('plays=') }).Substring(6))
            MedianSeconds = $sorted[[int][Math]::Floor($sorted.Count / 2)]
            MinSeconds    = $sorted[0]
            SizeMB        = (Get-Item $report).Length / 1MB
            Runs          = $Runs
        }
    }
    finally {
        Stop-Fake $fake
        Remove-Item Env:MUSIVAULT_SPOTIFY_API_URL, Env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL, Env:MUSIVAULT_HOME -ErrorAction SilentlyContinue
        Remove-Item $WorkFolder -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Format-ReportBench {
    param([Parameter(ValueFromPipeline)] $Result)
    process {
        $ok = $Result.MedianSeconds -lt 10 -and $Result.SizeMB -lt 10
        @(
            '## Report (Export-VaultReport)'
            ''
            "Vault: $($Result.Entries.ToString('N0')) playlist entries, $($Result.Plays.ToString('N0')) plays (synthetic export). Each run in a fresh pwsh."
            ''
            '| Median | Best | File | Target |'
            '|---|---|---|---|'
            ('| {0:N2} s | {1:N2} s | {2:N2} MiB | < 10 s, < 10 MB: {3} |' -f $Result.MedianSeconds, $Result.MinSeconds, $Result.SizeMB, $(if ($ok) { 'met' } else { 'NOT met' }))
            ''
        ) -join "`n"
    }
}
