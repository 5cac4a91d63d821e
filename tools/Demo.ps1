#requires -Version 7.4
<#
    The newcomer's first minute: a sample Spotify library (the fake service, no account needed) synced into a vault,
    queried, exported, changed and synced again; a deleted playlist restored into the
    sample service, playlists exported for other services, a generated data export imported, and the HTML report. Run through `dotnet pwsh ./build.ps1 Demo`.
#>
param(
    [Parameter(Mandatory)][string] $RepoRoot,
    [Parameter(Mandatory)][string] $ModulePath
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/Fakes.psm1') -Force

$demoRoot = Join-Path $RepoRoot 'out/demo'
if (Test-Path $demoRoot) { Remove-Item $demoRoot -Recurse -Force }
New-Item -ItemType Directory -Path $demoRoot | Out-Null
$csv = Join-Path $demoRoot 'liked-songs.csv'

function Step([string] $text) { Write-Host "`n== $text" -ForegroundColor Cyan }

$watch = [Diagnostics.Stopwatch]::StartNew()
Step 'Starting the sample Spotify service (a fake with a generated library: ~2,000 tracks, 20 playlists)'
$fake = Start-FakeSpotify -RepoRoot $RepoRoot -Preset Demo -Seed 42
$saved = @{}
foreach ($name in 'MUSIVAULT_HOME', 'MUSIVAULT_VAULT', 'MUSIVAULT_SPOTIFY_API_URL', 'MUSIVAULT_SPOTIFY_ACCOUNTS_URL', 'MUSIVAULT_SPOTIFY_CLIENT_ID') {
    $saved[$name] = [Environment]::GetEnvironmentVariable($name)
}
try {
    $env:MUSIVAULT_HOME = Join-Path $demoRoot 'home'
    $env:MUSIVAULT_VAULT = $null
    $env:MUSIVAULT_SPOTIFY_API_URL = $fake.ApiUrl
    $env:MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $fake.AccountsUrl
    Write-Host "   API $($fake.ApiUrl)"

    Import-Module $ModulePath -Force

    Step 'Connect-Spotify -RefreshToken … (non-interactive, as a scheduled job would)'
    Connect-Spotify -ClientId $fake.ClientId -RefreshToken $fake.RefreshToken | Format-List Profile, UserId, DisplayName, RefreshTokenExpiresAt | Out-Host

    Step 'Sync-SpotifyLibrary (first, full sync)'
    $first = Sync-SpotifyLibrary
    $first | Format-List Status, Full, Added, Requests, Duration | Out-Host
    $first.Collections | Format-Table Collection, Added, Removed, Changed, Unchanged, Requests -AutoSize | Out-Host

    Step 'Get-VaultPlaylist | Select-Object -First 8'
    $playlists = Get-VaultPlaylist
    $playlists | Select-Object -First 8 | Out-Host

    $sample = $playlists | Where-Object { $_.ItemsAvailable -and $_.TrackCount -gt 0 } | Select-Object -First 1
    Step "Get-VaultTrack -Playlist '$($sample.Name)' -First 10"
    Get-VaultTrack -Playlist $sample.Id -First 10 | Out-Host

    Step "Get-VaultTrack -Liked | Export-Csv $csv"
    Get-VaultTrack -Liked | Export-Csv -Path $csv -NoTypeInformation
    Write-Host ("   {0} rows written" -f ((Import-Csv $csv) | Measure-Object).Count)

    Step 'Meanwhile on Spotify: songs unliked and liked, a playlist renamed, one deleted, entries moved, a track gone'
    $since = [DateTimeOffset]::UtcNow
    Invoke-RestMethod -Method Post -Uri "$($fake.ControlUrl)/mutate?scenario=demo" | Out-Null

    Step 'Sync-SpotifyLibrary (incremental: unchanged playlists are not re-read)'
    $second = Sync-SpotifyLibrary
    $second | Format-List Status, Full, Added, Removed, Changed, Requests, Duration | Out-Host

    Step 'Get-VaultChange -After <before the changes> (newest first)'
    Get-VaultChange -After $since | Out-Host

    Step 'Restore-SpotifyPlaylist: the playlist deleted on Spotify comes back from the vault (into the sample service)'
    $deleted = Get-VaultPlaylist -IncludeDeleted | Where-Object DeletedAt | Select-Object -First 1
    if ($deleted) { $deleted | Restore-SpotifyPlaylist -Confirm:$false | Out-Host }
    Step 'Restore-SpotifyLibrary -Include LikedSongs -WhatIf (the plan: songs the vault had and the account lacks)'
    Restore-SpotifyLibrary -Include LikedSongs -WhatIf | Out-Host

    $exportDir = Join-Path $demoRoot 'export'
    Step "Export-VaultPlaylist: three playlists as XSPF and Liked Songs as Exportify CSV into $exportDir"
    $null = New-Item -ItemType Directory -Force -Path $exportDir
    Get-VaultPlaylist -Owned | Select-Object -First 3 | Export-VaultPlaylist -Format Xspf -Destination $exportDir | Out-Host
    Export-VaultPlaylist -Liked -Destination (Join-Path $exportDir 'liked-songs.exportify.csv') | Out-Host

    Step 'Import-SpotifyDataExport: a generated "Download your data" export (3 years of plays) merged into the vault'
    $dataExport = Join-Path $demoRoot 'spotify-data-export'
    $out = & dotnet (Get-FakeProgram -Kind Spotify -RepoRoot $RepoRoot) --generate-export $dataExport --plays 20000 --years 3 --seed 42 2>&1
    if ($LASTEXITCODE -ne 0) { throw "The export generator failed: $($out -join "`n")" }
    Import-SpotifyDataExport $dataExport -ErrorAction SilentlyContinue | Out-Host
    Step 'Measure-VaultPlay -By Artist -Top 5'
    Measure-VaultPlay -By Artist -Top 5 | Out-Host

    $report = Join-Path $demoRoot 'report.html'
    Step "Export-VaultReport $report"
    Export-VaultReport -Path $report -Force | Out-Host

    Step 'Get-VaultInfo'
    Get-VaultInfo | Out-Host

    Write-Host ''
    Write-Host "Vault: $((Get-VaultInfo).Path)" -ForegroundColor Green
    Write-Host "CSV:    $csv" -ForegroundColor Green
    Write-Host "Export: $exportDir" -ForegroundColor Green
    Write-Host "Report: $report (open it in a browser)" -ForegroundColor Green
    Write-Host ("Demo finished in {0:N1} s." -f $watch.Elapsed.TotalSeconds) -ForegroundColor Green
}
finally {
    Stop-Fake $fake
    foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
}
