#requires -Version 7.4
<#
    Benchmarks, run by `dotnet pwsh ./build.ps1 Bench`; writes docs/benchmarks.md. Every number is the median of 3 runs
    against the fake Spotify service (tests/MusiVault.FakeSpotify) with injected latency per request. Targets are
    reported, never asserted: tests must not depend on timing.
#>
param(
    [Parameter(Mandatory)][string] $RepoRoot,
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $LatencyMs = 20,
    [int] $Runs = 3
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/Fakes.psm1') -Force

$work = Join-Path $RepoRoot 'out/bench'
if (Test-Path $work) { Remove-Item $work -Recurse -Force }
New-Item -ItemType Directory -Path $work | Out-Null
$pwsh = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
if (-not (Test-Path $pwsh[1])) { $pwsh = @((Get-Process -Id $PID).Path) }

function Median([double[]] $values) {
    $sorted = $values | Sort-Object
    return $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
}

# Runs a script in a fresh pwsh with the fake's environment; returns its last output line parsed as JSON.
function Invoke-Child([string] $Script, [hashtable] $Environment) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)) { $psi.ArgumentList.Add($a) }
    foreach ($key in $Environment.Keys) { $psi.Environment[$key] = $Environment[$key] }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $p = [System.Diagnostics.Process]::Start($psi)
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    $p.WaitForExit()
    $lines = @($stdout.Result -split "`r?`n" | Where-Object { $_ })
    if ($p.ExitCode -ne 0 -or $lines.Count -eq 0) { throw "Child pwsh failed ($($p.ExitCode)): $($stderr.Result) $($stdout.Result)" }
    return $lines[-1] | ConvertFrom-Json
}

function Get-FakeStats($Fake) { Invoke-RestMethod "$($Fake.ControlUrl)/stats" }
function Reset-FakeStats($Fake) { Invoke-RestMethod -Method Post "$($Fake.ControlUrl)/reset-stats" | Out-Null }

# The fewest requests that can read this library: one per page of 50 of every collection (an empty one still
# needs one), one refused request per playlist whose items Spotify withholds, one audio-features request that
# learns it is refused, and one for recently played. Computed from the synced vault, which the tests prove equal
# to the fake's library.
function Get-MinimumRequests([string] $Vault, [hashtable] $Environment) {
    $script = @"
Import-Module '$ModulePath'
`$i = Get-VaultInfo -Vault '$Vault'
`$p = @(Get-VaultPlaylist -Vault '$Vault')
`$pages = { param(`$n) [Math]::Max(1, [Math]::Ceiling(`$n / 50)) }
`$items = 0
foreach (`$pl in `$p) { if (`$pl.ItemsAvailable) { `$items += & `$pages `$pl.TrackCount } else { `$items += 1 } }
`$top = 0
foreach (`$type in 'Artist', 'Track') { foreach (`$range in 'Short', 'Medium', 'Long') { `$top += & `$pages @(Get-VaultTopItem -Vault '$Vault' -Type `$type -TimeRange `$range).Count } }
`$min = 1 + (& `$pages `$i.LikedTracks) + (& `$pages `$p.Count) + `$items + (& `$pages `$i.SavedAlbums) + (& `$pages `$i.SavedShows) + (& `$pages `$i.SavedEpisodes) + (& `$pages `$i.FollowedArtists) + `$top + 1 + 1
@{ Minimum = `$min; Playlists = `$p.Count; Entries = (`$p | Measure-Object TrackCount -Sum).Sum; Liked = `$i.LikedTracks } | ConvertTo-Json -Compress
"@
    Invoke-Child $script $Environment
}

function Invoke-SyncRun([string] $Vault, [hashtable] $Environment, [switch] $Full) {
    $fullArg = if ($Full) { '-Full' } else { '' }
    $script = @"
Import-Module '$ModulePath'
`$w = [Diagnostics.Stopwatch]::StartNew()
`$r = Sync-SpotifyLibrary -Vault '$Vault' $fullArg -WarningAction SilentlyContinue
`$w.Stop()
[GC]::Collect()
@{ Seconds = `$w.Elapsed.TotalSeconds; Requests = `$r.Requests; Status = `$r.Status; PeakWorkingSetMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress
"@
    $result = Invoke-Child $script $Environment
    if ($result.Status -ne 'succeeded') { throw "Sync did not succeed: $($result.Status)" }
    return $result
}

function Measure-Library([string] $Label, [string] $Preset, [string[]] $Extra) {
    Write-Host "== $Label" -ForegroundColor Cyan
    $fake = Start-FakeSpotify -RepoRoot $RepoRoot -Preset $Preset -Seed 1 -LatencyMs $LatencyMs -ExtraArguments $Extra
    try {
        $benchHome = Join-Path $work ("home-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
        $envs = @{ MUSIVAULT_HOME = $benchHome; MUSIVAULT_SPOTIFY_API_URL = $fake.ApiUrl; MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $fake.AccountsUrl }
        Invoke-Child "Import-Module '$ModulePath'; Connect-Spotify -ClientId '$($fake.ClientId)' -RefreshToken '$($fake.RefreshToken)' | Out-Null; '{}'" $envs | Out-Null
        $full = @()
        $vault = $null
        for ($i = 0; $i -lt $Runs; $i++) {
            $vault = Join-Path $work ("{0}-{1}.db" -f ($Label -replace '\W', ''), $i)
            Reset-FakeStats $fake
            $run = Invoke-SyncRun $vault $envs
            $stats = Get-FakeStats $fake
            $full += [pscustomobject]@{ Seconds = $run.Seconds; Requests = $run.Requests; PeakMB = $run.PeakWorkingSetMB; InFlight = $stats.maxConcurrent }
            Write-Host ("   full sync {0}: {1:N1} s, {2} requests, peak {3:N0} MB" -f ($i + 1), $run.Seconds, $run.Requests, $run.PeakWorkingSetMB)
        }
        $minimum = Get-MinimumRequests $vault $envs

        $noChange = @()
        for ($i = 0; $i -lt $Runs; $i++) {
            $run = Invoke-SyncRun $vault $envs
            $noChange += [pscustomobject]@{ Seconds = $run.Seconds; Requests = $run.Requests }
        }
        $changed = @()
        for ($i = 0; $i -lt $Runs; $i++) {
            Invoke-RestMethod -Method Post "$($fake.ControlUrl)/mutate?scenario=playlists&count=5" | Out-Null
            $run = Invoke-SyncRun $vault $envs
            $changed += [pscustomobject]@{ Seconds = $run.Seconds; Requests = $run.Requests }
        }
        return [pscustomobject]@{
            Label           = $Label
            Library         = $minimum
            FullSeconds     = Median ($full.Seconds)
            FullRequests    = Median ($full.Requests)
            InFlight        = Median ($full.InFlight)
            PeakMB          = Median ($full.PeakMB)
            NoChangeSeconds = Median ($noChange.Seconds)
            NoChangeRequests = Median ($noChange.Requests)
            ChangedSeconds  = Median ($changed.Seconds)
            ChangedRequests = Median ($changed.Requests)
            Vault           = $vault
            Environment     = $envs
        }
    }
    finally { Stop-Fake $fake }
}

$large = Measure-Library 'Large library' 'Large' @()
$double = Measure-Library 'Double-size library' 'Large' @('--liked', '20000', '--playlists', '400', '--entries', '80000')

Write-Host '== Export-VaultPlaylist' -ForegroundColor Cyan
. (Join-Path $PSScriptRoot 'bench/Export.ps1'); $playlistExport = Measure-PlaylistExport -ModulePath $ModulePath -Vault $large.Vault -Work $work -Runs $Runs

Write-Host '== Restore-SpotifyPlaylist' -ForegroundColor Cyan
. (Join-Path $PSScriptRoot 'bench/Restore.ps1'); $playlistRestore = Measure-PlaylistRestore -RepoRoot $RepoRoot -ModulePath $ModulePath -Work $work -Runs $Runs -LatencyMs $LatencyMs

Write-Host '== Store throughput' -ForegroundColor Cyan
$store = @()
for ($i = 0; $i -lt $Runs; $i++) {
    $line = & dotnet run --project (Join-Path $RepoRoot 'tests/MusiVault.Bench/MusiVault.Bench.csproj') -c Release -- 50000 | Select-Object -Last 1
    $store += $line | ConvertFrom-Json
}

Write-Host '== Export' -ForegroundColor Cyan
# A library of 100,000 liked songs, synced without latency, then exported by the cmdlets and by Import-Csv.
$exportFake = Start-FakeSpotify -RepoRoot $RepoRoot -Preset Small -Seed 2 -LatencyMs 0 -ExtraArguments @('--liked', '100000', '--playlists', '2', '--entries', '20')
try {
    $exportEnv = @{ MUSIVAULT_HOME = (Join-Path $work 'home-export'); MUSIVAULT_SPOTIFY_API_URL = $exportFake.ApiUrl; MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $exportFake.AccountsUrl }
    $exportVault = Join-Path $work 'export.db'
    Invoke-Child "Import-Module '$ModulePath'; Connect-Spotify -ClientId '$($exportFake.ClientId)' -RefreshToken '$($exportFake.RefreshToken)' | Out-Null; Sync-SpotifyLibrary -Vault '$exportVault' -Include LikedSongs | Out-Null; '{}'" $exportEnv | Out-Null
}
finally { Stop-Fake $exportFake }
$exportRuns = @()
$csvOurs = Join-Path $work 'ours.csv'
$csvBase = Join-Path $work 'baseline.csv'
for ($i = 0; $i -lt $Runs; $i++) {
    # Both pipelines once on 1,000 rows first: the timed runs then compare steady work, not who paid for JIT.
    $exportRuns += Invoke-Child @"
Import-Module '$ModulePath'
Get-VaultTrack -Vault '$exportVault' -Liked -First 1000 | Export-Csv '$csvOurs' -NoTypeInformation
Import-Csv '$csvOurs' | Export-Csv '$csvBase' -NoTypeInformation
`$w = [Diagnostics.Stopwatch]::StartNew()
Get-VaultTrack -Vault '$exportVault' -Liked | Export-Csv '$csvOurs' -NoTypeInformation
`$ours = `$w.Elapsed.TotalSeconds
`$rows = (Get-Content '$csvOurs' | Measure-Object -Line).Lines - 1
`$w.Restart()
Import-Csv '$csvOurs' | Export-Csv '$csvBase' -NoTypeInformation
`$base = `$w.Elapsed.TotalSeconds
@{ Rows = `$rows; Ours = `$ours; Baseline = `$base } | ConvertTo-Json -Compress
"@ $exportEnv
}

Write-Host '== Import-Module' -ForegroundColor Cyan
$bare = @(); $import = @()
for ($i = 0; $i -lt 5; $i++) {
    $w = [Diagnostics.Stopwatch]::StartNew(); & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command 'exit 0'; $bare += $w.Elapsed.TotalMilliseconds
    $w = [Diagnostics.Stopwatch]::StartNew(); & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; exit 0"; $import += $w.Elapsed.TotalMilliseconds
}

# ---- the report ----------------------------------------------------------------------------------------------
$cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
$memory = (Get-Content /proc/meminfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'MemTotal*' }) -replace '^MemTotal:\s*', ''
$osDescription = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription

function Row($r) {
    $min = [int]$r.Library.Minimum
    $target = $min * $LatencyMs / 1000 / 3
    "| $($r.Label) | $($r.Library.Liked) liked, $($r.Library.Playlists) playlists, $($r.Library.Entries) entries | {0:N1} s (target ≤ {1:N1} s) | {2} (fewest {3}) | {4} | {5:N0} MB |" -f $r.FullSeconds, $target, $r.FullRequests, $min, $r.InFlight, $r.PeakMB
}
function ResyncRow($r) {
    $limit = 1 + [Math]::Ceiling($r.Library.Playlists / 50) + 12
    "| $($r.Label) | {0:N2} s, {1} requests (target ≤ {2}) | {3:N2} s, {4} requests |" -f $r.NoChangeSeconds, $r.NoChangeRequests, $limit, $r.ChangedSeconds, $r.ChangedRequests
}
$storeRate = Median ($store.oursRowsPerSecond)
$storeRatio = Median ($store.ratio)
$exportRatio = Median ($exportRuns | ForEach-Object { $_.Ours / $_.Baseline })
$importMs = (Median $import) - (Median $bare)
$flat = $double.PeakMB -le $large.PeakMB * 1.25

$report = @"
# Benchmarks

Written by ``dotnet pwsh ./build.ps1 Bench`` on $(Get-Date -Format 'yyyy-MM-dd HH:mm') UTC. Medians of $Runs runs against the
fake Spotify service (tests/MusiVault.FakeSpotify) with $LatencyMs ms of injected latency per request, the client's
default cap of 4 requests in flight, and each sync in a fresh pwsh process.

Machine: $cpu; $([Environment]::ProcessorCount) cores; $memory; $osDescription; .NET $([Environment]::Version); PowerShell $($PSVersionTable.PSVersion).

## Full sync

| library | size | wall time | requests | peak requests in flight | peak working set |
| --- | --- | --- | --- | --- | --- |
$(Row $large)
$(Row $double)

Memory flat as the library doubles: **$(if ($flat) { 'yes' } else { 'no' })** ($('{0:N0}' -f $large.PeakMB) MB → $('{0:N0}' -f $double.PeakMB) MB peak working set of the whole pwsh process).
"Fewest" counts one request per page of 50 of every collection, one refused request per playlist whose items
Spotify withholds from the app, one audio-features request that learns it is refused, and recently played.
The wall-time target is (fewest requests × latency) / 3.

## Re-sync

| library | no change | after 5 playlists changed |
| --- | --- | --- |
$(ResyncRow $large)
$(ResyncRow $double)

Target for a no-change re-sync: 1 + ⌈playlists/50⌉ requests plus one page per other collection (12: liked songs,
saved albums, shows, episodes, followed artists, six top lists and recently played; the 1 is the profile; audio
features are not asked again once refused).

## Store throughput

Playlist entries persisted through the vault's own path (PlaylistEntryStore: track, album and artist upserts, entries,
one transaction per playlist of 1,000) versus a bare Microsoft.Data.Sqlite insert of the same 50,000 entry rows
(with each item's JSON) in one transaction: **$('{0:N0}' -f $storeRate) rows/s** (target ≥ 100,000), **$('{0:N1}' -f $storeRatio)×** the bare
insert's time.

## Export

``Get-VaultTrack -Liked | Export-Csv`` of $($exportRuns[0].Rows) rows: $('{0:N1}' -f (Median ($exportRuns.Ours))) s; ``Import-Csv | Export-Csv`` of the same rows:
$('{0:N1}' -f (Median ($exportRuns.Baseline))) s. Ratio **$('{0:N2}' -f $exportRatio)** (target ≤ 1.0).

$(Format-PlaylistExportSection $playlistExport)$(Format-PlaylistRestoreSection $playlistRestore)## Import-Module

``Import-Module MusiVault`` adds **$('{0:N0}' -f $importMs) ms** to a bare ``pwsh -NoProfile`` start ($('{0:N0}' -f (Median $bare)) ms → $('{0:N0}' -f (Median $import)) ms, median of 5).

## Notes

"@
$report = $report.Replace("`n## Notes", (& (Join-Path $PSScriptRoot 'bench/Import.ps1') -RepoRoot $RepoRoot -ModulePath $ModulePath -Work $work) + "`n`n## Notes")
$notesPath = Join-Path $RepoRoot 'docs/benchmarks.notes.md'
if (Test-Path $notesPath) { $report += (Get-Content $notesPath -Raw) }
Set-Content -Path (Join-Path $RepoRoot 'docs/benchmarks.md') -Value $report -Encoding utf8NoBOM
Write-Host "Wrote docs/benchmarks.md"
