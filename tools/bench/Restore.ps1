<#
    Restore-SpotifyPlaylist benchmark (issue 14), dot-sourced by tools/Bench.ps1 (one call, one report section).
    Only functions here when dot-sourced: a param block would overwrite Bench.ps1's own $ModulePath/$Runs.
    Alone (after `dotnet pwsh ./build.ps1 Build`):
        dotnet pwsh tools/bench/Restore.ps1 -RepoRoot . -ModulePath out/MusiVault/MusiVault.psd1 [-Runs 3] [-LatencyMs 20]
    prints the markdown section. A fake library holding one playlist of 10,000 entries (the Large preset's, with few
    other things so the one sync is quick) is synced once; then, in a fresh pwsh per run, that playlist is restored
    under a new name, with no injected latency and with -LatencyMs per request. Write requests are counted by the fake
    (its request log), not by the client. Reported, never asserted: the fewest writes are 1 create + ⌈entries/100⌉ adds.
#>
function Measure-PlaylistRestore {
    param(
        [Parameter(Mandatory)][string] $RepoRoot,
        [Parameter(Mandatory)][string] $ModulePath,
        [Parameter(Mandatory)][string] $Work,
        [int] $Runs = 3,
        [int] $LatencyMs = 20
    )
    Import-Module (Join-Path $RepoRoot 'tests/Pester/Fakes.psm1') -Force
    $pwsh = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
    if (-not (Test-Path $pwsh[1])) { $pwsh = @((Get-Process -Id $PID).Path) }
    $folder = Join-Path $Work ("restore-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $folder -Force | Out-Null
    $vault = Join-Path $folder 'restore.db'

    # Runs a script in a fresh pwsh with the fake's environment; returns its last stdout line parsed as JSON.
    function Invoke-RestoreChild([string] $Body, [hashtable] $Environment) {
        $script = "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'; Import-Module '$ModulePath'`n$Body"
        $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)) { $psi.ArgumentList.Add($a) }
        foreach ($key in $Environment.Keys) { $psi.Environment[$key] = $Environment[$key] }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $p = [System.Diagnostics.Process]::Start($psi)
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        $p.WaitForExit()
        $lines = @($stdout.Result -split "`r?`n" | Where-Object { $_ })
        if ($p.ExitCode -ne 0 -or $lines.Count -eq 0) { throw "Restore bench child failed ($($p.ExitCode)): $($stderr.Result) $($stdout.Result)" }
        $p.Dispose()
        return $lines[-1] | ConvertFrom-Json
    }

    $fake = Start-FakeSpotify -RepoRoot $RepoRoot -Preset Large -Seed 14 -LatencyMs 0 -ExtraArguments @('--liked', '50', '--playlists', '6', '--entries', '10100')
    try {
        $envs = @{ MUSIVAULT_HOME = (Join-Path $folder 'home'); MUSIVAULT_VAULT = $vault
            MUSIVAULT_SPOTIFY_API_URL = $fake.ApiUrl; MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $fake.AccountsUrl }
        $source = Invoke-RestoreChild @"
Connect-Spotify -ClientId '$($fake.ClientId)' -RefreshToken '$($fake.RefreshToken)' | Out-Null
`$null = Sync-SpotifyLibrary -WarningAction SilentlyContinue
Get-VaultPlaylist | Sort-Object TrackCount -Descending | Select-Object -First 1 PlaylistId, TrackCount | ConvertTo-Json -Compress
"@ $envs
        Write-Host ("   source playlist: {0:N0} entries" -f $source.TrackCount)

        $measurements = foreach ($latency in 0, $LatencyMs) {
            Invoke-RestMethod -Method Post "$($fake.ControlUrl)/faults?latencyMs=$latency" | Out-Null
            for ($i = 0; $i -lt $Runs; $i++) {
                Invoke-RestMethod -Method Post "$($fake.ControlUrl)/reset-stats" | Out-Null
                $run = Invoke-RestoreChild @"
`$w = [Diagnostics.Stopwatch]::StartNew()
`$r = Restore-SpotifyPlaylist -Playlist '$($source.PlaylistId)' -Name 'Bench restore $latency-$i' -Confirm:`$false -WarningAction SilentlyContinue
`$seconds = `$w.Elapsed.TotalSeconds
@{ Seconds = `$seconds; Added = `$r.Added; Planned = `$r.Planned; Requests = `$r.Requests } | ConvertTo-Json -Compress
"@ $envs
                $stats = Invoke-RestMethod "$($fake.ControlUrl)/stats"
                if ($run.Added -ne $run.Planned) { throw "The restore added $($run.Added) of $($run.Planned) items." }
                $measured = [pscustomobject]@{
                    LatencyMs = $latency
                    Entries   = $run.Added
                    Seconds   = $run.Seconds
                    Creates   = [int]$stats.routes.'POST /v1/me/playlists'
                    Adds      = [int]$stats.routes.'POST /v1/playlists/{id}/items'
                    Writes    = [int]$stats.writes
                    Reads     = [int]$stats.total - [int]$stats.writes
                }
                Write-Host ("   latency {0} ms, run {1}: {2:N0} entries in {3:N1} s, {4} create + {5} adds ({6} writes), {7} other requests" -f `
                        $latency, ($i + 1), $measured.Entries, $measured.Seconds, $measured.Creates, $measured.Adds, $measured.Writes, $measured.Reads)
                $measured
            }
        }
    }
    finally {
        Stop-Fake $fake
    }
    foreach ($group in $measurements | Group-Object LatencyMs) {
        $sorted = @($group.Group | Sort-Object Seconds)
        $median = $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
        [pscustomobject]@{
            LatencyMs = [int]$group.Name
            Entries   = $median.Entries
            Seconds   = $median.Seconds
            Creates   = $median.Creates
            Adds      = $median.Adds
            Writes    = ($group.Group | Measure-Object Writes -Maximum).Maximum
            Reads     = $median.Reads
            Fewest    = 1 + [Math]::Ceiling($median.Entries / 100)
            Runs      = $sorted.Count
        }
    }
}

function Format-PlaylistRestoreSection($Results) {
    $rows = foreach ($r in $Results) {
        "| {0} ms | {1:N0} | {2:N1} s | {3} + {4} | **{5}** (fewest {6}) | {7} |" -f $r.LatencyMs, $r.Entries, $r.Seconds, $r.Creates, $r.Adds, $r.Writes, $r.Fewest, $r.Reads
    }
    @"
## Restore-SpotifyPlaylist

``Restore-SpotifyPlaylist`` of a 10,000-entry vault playlist into a new playlist of the fake, in a fresh pwsh per run
(median of $(@($Results)[0].Runs) runs; wall time of the cmdlet alone, module load excluded). Requests are counted by the fake's request
log. The fewest writes are 1 create + ⌈entries/100⌉ adds (Spotify takes at most 100 items a request, and the adds
must be sequential to keep the order); "other" are the requests that are not writes (a token refresh when the stored one has expired).

| latency per request | entries | wall time | create + adds | write requests | other requests |
| --- | --- | --- | --- | --- | --- |
$($rows -join "`n")

"@
}

# Run directly (not dot-sourced): -RepoRoot, -ModulePath and optional -Work, -Runs, -LatencyMs; prints the section.
if ($MyInvocation.InvocationName -ne '.') {
    $named = @{}
    for ($i = 0; $i -lt $args.Count; $i += 2) { $named[([string]$args[$i]).TrimStart('-')] = $args[$i + 1] }
    $named.RepoRoot = (Resolve-Path ($named.RepoRoot ?? '.')).Path
    $named.ModulePath = (Resolve-Path ($named.ModulePath ?? (Join-Path $named.RepoRoot 'out/MusiVault/MusiVault.psd1'))).Path
    $named.Work = $named.Work ?? (Join-Path $named.RepoRoot 'out/bench')
    foreach ($n in 'Runs', 'LatencyMs') { if ($named.ContainsKey($n)) { $named[$n] = [int]$named[$n] } }
    $ErrorActionPreference = 'Stop'
    Format-PlaylistRestoreSection (Measure-PlaylistRestore @named)
}
