# Starts and stops the fake Spotify service (tests/MusiVault.FakeSpotify) as a separate process, for the demo and
# the benchmarks. The service prints one JSON line when it listens: {"api","accounts","clientId","refreshToken"}.

function Start-FakeSpotify {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $RepoRoot,
        [string] $Preset = 'Demo',
        [int] $Seed = 42,
        [int] $LatencyMs = 0,
        [string[]] $ExtraArguments = @(),
        [string] $Configuration = 'Release'
    )
    $project = Join-Path $RepoRoot 'tests/MusiVault.FakeSpotify/MusiVault.FakeSpotify.csproj'
    $outDir = Join-Path $RepoRoot "out/obj/fake-spotify"
    if (-not (Test-Path (Join-Path $outDir 'MusiVault.FakeSpotify.dll'))) {
        & dotnet build $project -c $Configuration -o $outDir --nologo -v quiet | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Building the fake Spotify service failed." }
    }
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @((Join-Path $outDir 'MusiVault.FakeSpotify.dll'), '--port', '0', '--seed', "$Seed", '--preset', $Preset, '--latency-ms', "$LatencyMs") + $ExtraArguments) {
        $psi.ArgumentList.Add($a)
    }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([TimeSpan]::FromSeconds(120))) {
        $process.Kill($true)
        throw 'The fake Spotify service did not start within 120 s.'
    }
    $line = $readLine.Result
    if (-not $line) {
        $err = $process.StandardError.ReadToEnd()
        throw "The fake Spotify service exited before listening: $err"
    }
    $info = $line | ConvertFrom-Json
    $control = ([Uri]$info.api).GetLeftPart([UriPartial]::Authority)
    return [pscustomobject]@{
        Process      = $process
        ApiUrl       = $info.api
        AccountsUrl  = $info.accounts
        ClientId     = $info.clientId
        RefreshToken = $info.refreshToken
        ControlUrl   = "$control/_fake"
    }
}

function Stop-FakeSpotify {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Fake)
    if ($Fake.Process.HasExited) { return }
    try { $Fake.Process.StandardInput.Close() } catch { }
    if (-not $Fake.Process.WaitForExit(5000)) { $Fake.Process.Kill($true) }
}

Export-ModuleMember -Function Start-FakeSpotify, Stop-FakeSpotify
