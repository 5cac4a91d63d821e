#requires -Version 7.4
<#
    Issue 12 item 7: what the integrity check a sync runs before it writes costs on a large vault: PRAGMA
    integrity_check (a full pass runs it on the whole file; quick_check cannot see missing index rows) and, for
    comparison, quick_check. Each check on a fresh read-only connection, best of three, through
    tests/MusiVault.TestSeed check-cost (built here when missing).
    Returns the markdown section for docs/benchmarks.md. Nothing is asserted.
    In tools/Bench.ps1, after bench/Import.ps1 (its 1,000,000-play vault is out/bench/import.db):
      $report = $report.Replace("`n## Notes", (& (Join-Path $PSScriptRoot 'bench/Trust.ps1') -RepoRoot $RepoRoot -Vaults @($large.Vault, (Join-Path $work 'import.db'))) + "`n`n## Notes")
    Standalone: pwsh tools/bench/Trust.ps1 -RepoRoot . -Vaults out/bench/import.db
#>
param(
    [Parameter(Mandatory)][string] $RepoRoot,
    [Parameter(Mandatory)][string[]] $Vaults
)
$ErrorActionPreference = 'Stop'
$fixtures = Join-Path $RepoRoot 'out/test-fixtures'
$seed = Join-Path $fixtures 'MusiVault.TestSeed/MusiVault.TestSeed.dll'
$project = Join-Path $RepoRoot 'tests/MusiVault.TestSeed/MusiVault.TestSeed.csproj'
if (-not (Test-Path $seed) -or (Get-Item $seed).LastWriteTimeUtc -lt (Get-ChildItem (Split-Path $project) -Filter *.cs | Measure-Object LastWriteTimeUtc -Maximum).Maximum) {
    $out = & dotnet build $project -c Release -o (Split-Path $seed) --nologo -v quiet 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Building MusiVault.TestSeed failed: $($out -join "`n")" }
}

$rows = foreach ($vault in $Vaults) {
    if (-not (Test-Path $vault)) { Write-Warning "No vault at $vault; skipped in the integrity-check section."; continue }
    Write-Host "== Integrity check cost: $vault"
    $lines = & dotnet $seed check-cost (Resolve-Path $vault).Path 2>&1
    if ($LASTEXITCODE -ne 0) { throw "check-cost failed: $($lines -join "`n")" }
    $values = @{}
    foreach ($line in $lines) { $key, $value = "$line" -split '=', 2; $values[$key] = $value }
    '| {0} | {1:N0} MB | {2:N0} ms | {3:N0} ms | {4} |' -f (Split-Path $vault -Leaf), ([long]$values.bytes / 1MB),
        [double]$values.integrity_check_ms, [double]$values.quick_check_ms, $values.integrity_check
}

@"
## Integrity check before a sync writes (issue 12)

A sync refuses a damaged vault (VaultDamaged) before it writes anything. ``quick_check`` alone does not compare indexes
with their tables and so misses the missing index rows of issue 12: a sync runs the whole ``integrity_check``, except
that an ordinary sync of a vault with 50,000 plays or more (an imported history) gives the listening history
``quick_check`` and every other table ``integrity_check``; a full pass always runs the whole check. The
columns time both whole-file checks, best of 3 on a fresh read-only connection (``tests/MusiVault.TestSeed check-cost``).

| vault | size | integrity_check | quick_check | result |
| --- | --- | --- | --- | --- |
$($rows -join "`n")
"@
