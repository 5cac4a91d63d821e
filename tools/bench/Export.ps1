<#
    Export-VaultPlaylist benchmark, dot-sourced by tools/Bench.ps1 (one call, one report section). Alone:
        . ./tools/bench/Export.ps1; Measure-PlaylistExport -ModulePath <psd1> -Vault <synced Large vault> -Work <folder>
    Only functions here: a param block would overwrite Bench.ps1's own $ModulePath/$Runs when dot-sourced.
    Exports every playlist and Liked Songs of the 40,000-entry benchmark library (the Large preset) in each format,
    in a fresh pwsh per run, and reports entries written per second and the process's peak working set. The entries
    stream from the vault to the files, so the peak should not grow with the library. Reported, never asserted.
#>
function Measure-PlaylistExport {
    param(
        [Parameter(Mandatory)][string] $ModulePath,
        [Parameter(Mandatory)][string] $Vault,
        [Parameter(Mandatory)][string] $Work,
        [int] $Runs = 3,
        [string[]] $Formats = @('ExportifyCsv', 'M3u', 'Xspf', 'Json')
    )
    $pwsh = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
    if (-not (Test-Path $pwsh[1])) { $pwsh = @((Get-Process -Id $PID).Path) }
    $results = foreach ($format in $Formats) {
        $measured = for ($i = 0; $i -lt $Runs; $i++) {
            $out = Join-Path $Work "export-$format-$i"
            # Entries are counted from the cmdlet's own -Verbose report of each file it wrote.
            $script = @"
`$ProgressPreference = 'SilentlyContinue'
Import-Module '$ModulePath'
`$w = [Diagnostics.Stopwatch]::StartNew()
`$records = @(Export-VaultPlaylist -Vault '$Vault' -All -Liked -Format $format -Destination '$out' -Force -Verbose -WarningAction SilentlyContinue 4>&1)
`$seconds = `$w.Elapsed.TotalSeconds
`$files = @(`$records | Where-Object { `$_ -is [IO.FileInfo] })
`$entries = (`$records | Where-Object { `$_ -is [Management.Automation.VerboseRecord] -and `$_.Message -match '^Exported (\d+) entries' } | ForEach-Object { [long]`$Matches[1] } | Measure-Object -Sum).Sum
@{ Seconds = `$seconds; Files = `$files.Count; Entries = `$entries; Bytes = (`$files | Measure-Object Length -Sum).Sum; PeakWorkingSetMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress
"@
            # -EncodedCommand: a native call would mangle the script's quotes.
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
            $lines = @(& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -EncodedCommand $encoded)
            if ($LASTEXITCODE -ne 0) { throw "Export run failed: $($lines -join "`n")" }
            $lines[-1] | ConvertFrom-Json
            Remove-Item $out -Recurse -Force -ErrorAction SilentlyContinue
        }
        $sorted = @($measured | Sort-Object Seconds)
        $median = $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
        [pscustomobject]@{
            Format     = $format
            Files      = $median.Files
            Entries    = $median.Entries
            Seconds    = $median.Seconds
            RowsPerSec = if ($median.Seconds -gt 0) { $median.Entries / $median.Seconds } else { 0 }
            MB         = $median.Bytes / 1MB
            PeakMB     = ($measured | Measure-Object PeakWorkingSetMB -Maximum).Maximum
        }
        Write-Host ("   {0}: {1:N0} entries in {2} files, {3:N1} s, {4:N0} entries/s, peak {5:N0} MB" -f $format, $median.Entries, $median.Files, $median.Seconds, ($median.Entries / [Math]::Max($median.Seconds, 0.001)), ($measured | Measure-Object PeakWorkingSetMB -Maximum).Maximum)
    }
    $results
}

function Format-PlaylistExportSection($Results) {
    $rows = foreach ($r in $Results) {
        "| {0} | {1:N0} | {2} | {3:N1} s | **{4:N0}** | {5:N1} MB | {6:N0} MB |" -f $r.Format, $r.Entries, $r.Files, $r.Seconds, $r.RowsPerSec, $r.MB, $r.PeakMB
    }
    @"
## Export-VaultPlaylist

``Export-VaultPlaylist -All -Liked -Format <format>`` of the Large benchmark library (every playlist and Liked Songs;
the 40,000 playlist entries include one playlist of 10,000), in a fresh pwsh per run, median of the runs; entries
counted from the cmdlet's -Verbose report, peak working set of the whole pwsh process (module load included).

| format | entries | files | wall time | entries/s | written | peak working set |
| --- | --- | --- | --- | --- | --- | --- |
$($rows -join "`n")

"@
}
