#requires -Version 7.4
<#
    Report benchmark (issue 17): Export-VaultReport on a vault with 40,000 playlist entries (the fake's Large preset:
    10,000 liked songs, 200 playlists) and 1,000,000 plays imported from a synthetic data export (the fakes'
    --generate-export). Target: the report in under 10 s and a file under 10 MB. Each report run in a fresh pwsh
    (module load and JIT count, as they do for a user). Returns the markdown section for docs/benchmarks.md.
    Targets are reported, never asserted.

    Standalone (syncs the library from the fake and generates the export itself):
        dotnet pwsh tools/bench/Report.ps1 -RepoRoot . -ModulePath out/MusiVault [-Plays 100000] [-Runs 1] [-KeepVault]
    -KeepVault leaves the prepared vault in <Work>/report.db and reuses it on the next run (only the report is timed
    then: quick when tuning the report's SQL). tools/Bench.ps1 passes -Vault (its synced Large vault, copied here,
    never changed) and -Export (the Import benchmark's generated export), so nothing is synced or generated twice.
#>
param(
    [Parameter(Mandatory)][string] $RepoRoot,
    [Parameter(Mandatory)][string] $ModulePath,
    [string] $Work = (Join-Path $RepoRoot 'out/bench'),
    [int] $Plays = 1000000,
    [int] $Runs = 3,
    [string] $Vault,
    [string] $Export,
    [switch] $KeepVault
)
$ErrorActionPreference = 'Stop'
$RepoRoot = (Resolve-Path $RepoRoot).Path
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module (Join-Path $RepoRoot 'tests/Pester/Fakes.psm1') -Force
$null = New-Item -ItemType Directory -Force -Path $Work
$pwsh = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
if (-not (Test-Path $pwsh[1])) { $pwsh = @((Get-Process -Id $PID).Path) }

# One child pwsh per step; returns its last output line parsed as JSON.
function Invoke-Step([string] $Body, [hashtable] $Environment = @{}) {
    $script = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Import-Module '$ModulePath'
$Body
"@
    $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)) { $psi.ArgumentList.Add($a) }
    foreach ($key in $Environment.Keys) { $psi.Environment[$key] = $Environment[$key] }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $p = [System.Diagnostics.Process]::Start($psi)
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    $p.WaitForExit()
    $lines = @($stdout.Result -split "`r?`n" | Where-Object { $_ })
    if ($p.ExitCode -ne 0 -or $lines.Count -eq 0) { throw "Benchmark step failed ($($p.ExitCode)): $($stderr.Result) $($stdout.Result)" }
    return $lines[-1] | ConvertFrom-Json
}

$reportVault = Join-Path $Work 'report.db'
$prepared = $KeepVault -and (Test-Path $reportVault)
$prepareSeconds = $null
if (-not $prepared) {
    foreach ($p in $reportVault, "$reportVault-wal", "$reportVault-shm") { if (Test-Path $p) { Remove-Item $p -Force } }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Vault) {
        # A copy: the caller's vault stays as it is. Its WAL holds committed pages too.
        Copy-Item $Vault $reportVault
        if (Test-Path "$Vault-wal") { Copy-Item "$Vault-wal" "$reportVault-wal" }
    }
    else {
        Write-Host '== Report: syncing the Large library (40,000 playlist entries) from the fake'
        $fake = Start-FakeSpotify -RepoRoot $RepoRoot -Preset Large -Seed 1 -LatencyMs 0
        try {
            $envs = @{ MUSIVAULT_HOME = (Join-Path $Work 'home-report'); MUSIVAULT_SPOTIFY_API_URL = $fake.ApiUrl; MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $fake.AccountsUrl }
            $null = Invoke-Step "Connect-Spotify -ClientId '$($fake.ClientId)' -RefreshToken '$($fake.RefreshToken)' | Out-Null; Sync-SpotifyLibrary -Vault '$reportVault' -WarningAction SilentlyContinue | Out-Null; '{}'" $envs
        }
        finally { Stop-Fake $fake }
    }
    if (-not $Export) {
        Write-Host "== Report: generating a synthetic export of $Plays plays"
        $Export = Join-Path $Work 'report-export'
        if (Test-Path $Export) { Remove-Item $Export -Recurse -Force }
        $generator = Get-FakeProgram -Kind Spotify -RepoRoot $RepoRoot
        $out = & dotnet $generator --generate-export $Export --plays $Plays --years 10 --seed 17 2>&1
        if ($LASTEXITCODE -ne 0) { throw "The generator failed: $($out -join "`n")" }
    }
    Write-Host '== Report: importing the plays'
    $null = Invoke-Step "Import-SpotifyDataExport '$Export' -Vault '$reportVault' | Out-Null; '{}'"
    $prepareSeconds = $clock.Elapsed.TotalSeconds
}

$info = Invoke-Step "Get-VaultInfo -Vault '$reportVault' | Select-Object PlaylistEntries, LikedTracks, Playlists, Plays | ConvertTo-Json -Compress"
$report = Join-Path $Work 'report.html'
$measured = for ($i = 0; $i -lt $Runs; $i++) {
    $run = Invoke-Step @"
`$p = Get-Process -Id `$PID
`$cpu0 = `$p.TotalProcessorTime
`$w = [System.Diagnostics.Stopwatch]::StartNew()
`$null = Export-VaultReport '$report' -Vault '$reportVault' -Force
`$s = `$w.Elapsed.TotalSeconds
`$p.Refresh()
@{ Seconds = `$s; Cpu = (`$p.TotalProcessorTime - `$cpu0).TotalSeconds; PeakMB = `$p.PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress
"@
    Write-Host ('   report {0}: {1:N2} s, CPU {2:N2} s, peak {3:N0} MB' -f ($i + 1), $run.Seconds, $run.Cpu, $run.PeakMB)
    $run
}
$sorted = @($measured | Sort-Object Seconds)
$median = $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
$sizeMB = (Get-Item $report).Length / 1MB
if (-not $KeepVault) {
    foreach ($p in $reportVault, "$reportVault-wal", "$reportVault-shm") { if (Test-Path $p) { Remove-Item $p -Force } }
}
$met = if ($median.Seconds -lt 10 -and (Get-Item $report).Length -lt 10MB) { 'met' } else { 'NOT met' }
@"

## Report (Export-VaultReport)

Vault: $('{0:N0}' -f $info.PlaylistEntries) playlist entries in $('{0:N0}' -f $info.Playlists) playlists, $('{0:N0}' -f $info.LikedTracks) liked songs, $('{0:N0}' -f $info.Plays) plays (synthetic export, imported).
Each report in a fresh pwsh (JIT included, module load not), median of $Runs; CPU = the process's CPU time during the cmdlet.$(if ($null -ne $prepareSeconds) { " Preparing the vault took $('{0:N0}' -f $prepareSeconds) s (not timed)." })

| wall time | CPU | file | peak working set | target (< 10 s, < 10 MB) |
| --- | --- | --- | --- | --- |
| $('{0:N2}' -f $median.Seconds) s (best $('{0:N2}' -f $sorted[0].Seconds) s) | $('{0:N2}' -f $median.Cpu) s | $('{0:N2}' -f $sizeMB) MiB | $('{0:N0}' -f $median.PeakMB) MB | $met |
"@
