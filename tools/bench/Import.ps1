#requires -Version 7.4
<#
    Import benchmark (issue 16): a synthetic data export of -Plays extended-history plays over 10 years (the fakes'
    generator: Zipf repetition over a few thousand tracks, plus endsong duplicates, account data, library, playlists),
    imported into a fresh vault, then again into the vault that holds it, then Measure-VaultPlay -By Artist -Top 20.
    Returns the markdown section for docs/benchmarks.md. Targets are reported, never asserted.
    Standalone: pwsh tools/bench/Import.ps1 -RepoRoot . -ModulePath out/MusiVault [-Plays 100000]
#>
param(
    [Parameter(Mandatory)][string] $RepoRoot,
    [Parameter(Mandatory)][string] $ModulePath,
    [string] $Work = (Join-Path $RepoRoot 'out/bench'),
    [int] $Plays = 1000000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $RepoRoot 'tests/Pester/Fakes.psm1') -Force

$folder = Join-Path $Work 'import-export'
$vault = Join-Path $Work 'import.db'
foreach ($p in $folder, $vault, "$vault-wal", "$vault-shm") { if (Test-Path $p) { Remove-Item $p -Recurse -Force } }
$generator = Get-FakeProgram -Kind Spotify -RepoRoot $RepoRoot
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$out = & dotnet $generator --generate-export $folder --plays $Plays --years 10 --seed 16 2>&1
if ($LASTEXITCODE -ne 0) { throw "The generator failed: $($out -join "`n")" }
$generateSeconds = $clock.Elapsed.TotalSeconds
$manifest = Get-Content (Join-Path $folder 'manifest.json') -Raw | ConvertFrom-Json
$bytes = ($manifest.files | Measure-Object bytes -Sum).Sum

# One child pwsh per step, so each step's peak working set is its own.
function Invoke-Step([string] $Body) {
    $pwsh = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
    if (-not (Test-Path $pwsh[1])) { $pwsh = @((Get-Process -Id $PID).Path) }
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$p = Get-Process -Id `$PID
`$cpu0 = `$p.TotalProcessorTime
`$sw = [System.Diagnostics.Stopwatch]::StartNew()
`$r = & { $Body }
`$wall = `$sw.Elapsed.TotalSeconds
`$p.Refresh()
[pscustomobject]@{ Wall = `$wall; Cpu = (`$p.TotalProcessorTime - `$cpu0).TotalSeconds; PeakMB = `$p.PeakWorkingSet64 / 1MB; Result = `$r } | ConvertTo-Json -Depth 4 -Compress
"@
    $lines = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw "Benchmark step failed: $($lines -join "`n")" }
    return @($lines)[-1] | ConvertFrom-Json
}

$first = Invoke-Step "Import-SpotifyDataExport '$folder' -Vault '$vault' -ProgressAction SilentlyContinue"
$again = Invoke-Step "Import-SpotifyDataExport '$folder' -Vault '$vault' -ProgressAction SilentlyContinue"
$measure = Invoke-Step "1..3 | ForEach-Object { `$s = [System.Diagnostics.Stopwatch]::StartNew(); `$null = Measure-VaultPlay -Vault '$vault' -By Artist -Top 20; `$s.Elapsed.TotalSeconds }"
$month = Invoke-Step "1..3 | ForEach-Object { `$s = [System.Diagnostics.Stopwatch]::StartNew(); `$null = Measure-VaultPlay -Vault '$vault' -By Month; `$s.Elapsed.TotalSeconds }"
$measureSeconds = @($measure.Result) | Sort-Object | Select-Object -Index 1
$monthSeconds = @($month.Result) | Sort-Object | Select-Object -Index 1
$vaultMB = ((Get-Item $vault).Length + $(if (Test-Path "$vault-wal") { (Get-Item "$vault-wal").Length } else { 0 })) / 1MB

function Rate($step) { $step.Result.PlaysRead / ([timespan]$step.Result.Duration).TotalSeconds }
function CpuRate($step) { $step.Result.PlaysRead / $step.Cpu }
@"

## Import (Spotify data export)

Synthetic export from the fakes' generator: $('{0:N0}' -f $manifest.extendedPlays) extended-history plays over 10 years
($('{0:N0}' -f $manifest.distinctTracksPlayed) distinct tracks, Zipf repetition) plus $('{0:N0}' -f $manifest.endsongDuplicates) endsong duplicates and
$('{0:N0}' -f ($manifest.accountMusicPlays + $manifest.accountPodcastPlays)) account-data plays: $($manifest.files.Count) files, $('{0:N0}' -f ($bytes / 1MB)) MB of JSON (generated in $('{0:N0}' -f $generateSeconds) s).
Each step in a fresh pwsh; plays/s = plays read / the import's own Duration; CPU = the process's CPU time.

| step | plays read | added | wall | plays/s (target) | plays per CPU-s | peak working set |
| --- | --- | --- | --- | --- | --- | --- |
| first import | $('{0:N0}' -f $first.Result.PlaysRead) | $('{0:N0}' -f $first.Result.PlaysAdded) | $('{0:N1}' -f ([timespan]$first.Result.Duration).TotalSeconds) s | $('{0:N0}' -f (Rate $first)) (≥ 100,000) | $('{0:N0}' -f (CpuRate $first)) | $('{0:N0}' -f $first.PeakMB) MB |
| re-import | $('{0:N0}' -f $again.Result.PlaysRead) | $('{0:N0}' -f $again.Result.PlaysAdded) | $('{0:N1}' -f ([timespan]$again.Result.Duration).TotalSeconds) s | $('{0:N0}' -f (Rate $again)) (≥ 300,000) | $('{0:N0}' -f (CpuRate $again)) | $('{0:N0}' -f $again.PeakMB) MB |

``Measure-VaultPlay -By Artist -Top 20`` over the $('{0:N0}' -f $first.Result.PlaysAdded) plays: **$('{0:N2}' -f $measureSeconds) s** (median of 3, target < 1 s);
``-By Month`` (local-time buckets): $('{0:N2}' -f $monthSeconds) s. Vault size: $('{0:N0}' -f $vaultMB) MB.
"@
