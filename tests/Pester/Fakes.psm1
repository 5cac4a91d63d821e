# The one way to run the fake services (tests/MusiVault.FakeSpotify, tests/MusiVault.FakeDrive) as their own processes,
# for the Pester files, tools/Demo.ps1 and tools/Bench.ps1.
#
# Binaries: build.ps1 Test builds each fake into out/test-fixtures/fakes/<Project>/. Before starting one, the helper
# compares that build with the fake's sources (and the repo-wide build files); when it is missing or older, it builds
# it again, so a test never talks to a stale fake.
# Readiness: each fake prints one JSON line with its URLs once it listens; the helper waits for that line with a
# timeout and fails with the fake's stderr if it exits first. Stop: closing stdin ends a fake; it is killed if it has
# not exited a few seconds later.

Set-StrictMode -Version Latest

$script:Projects = @{
    Spotify = 'MusiVault.FakeSpotify'
    Drive   = 'MusiVault.FakeDrive'
}

function Get-FakeRepoRoot {
    if ($env:MUSIVAULT_TEST_REPO) { return $env:MUSIVAULT_TEST_REPO }
    return (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
}

# The fake's dll, built from the current sources (rebuilt here when missing or older than any source file).
function Get-FakeProgram {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][ValidateSet('Spotify', 'Drive')][string] $Kind,
        [string] $RepoRoot = (Get-FakeRepoRoot),
        [string] $Configuration = 'Release'
    )
    $name = $script:Projects[$Kind]
    $projectDir = Join-Path $RepoRoot "tests/$name"
    $outDir = Join-Path $RepoRoot "out/test-fixtures/fakes/$name"
    $dll = Join-Path $outDir "$name.dll"
    if (Test-FakeProgramStale -ProjectDir $projectDir -RepoRoot $RepoRoot -Dll $dll) {
        $output = & dotnet build (Join-Path $projectDir "$name.csproj") -c $Configuration -o $outDir --nologo -v quiet -clp:ErrorsOnly 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Building $name failed:`n$($output -join "`n")" }
        if (-not (Test-Path $dll)) { throw "Building $name produced no $dll." }
        # An incremental build may leave an up-to-date dll untouched; mark the check done.
        (Get-Item $dll).LastWriteTimeUtc = [DateTime]::UtcNow
    }
    return $dll
}

function Test-FakeProgramStale([string] $ProjectDir, [string] $RepoRoot, [string] $Dll) {
    if (-not (Test-Path $Dll)) { return $true }
    $built = (Get-Item $Dll).LastWriteTimeUtc
    $sources = @(Get-ChildItem $ProjectDir -Recurse -File |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' })
    $sources += @(Get-ChildItem $RepoRoot -File -Filter 'Directory.*.props')
    return @($sources | Where-Object LastWriteTimeUtc -gt $built).Count -gt 0
}

function Start-FakeProcess {
    param([string] $Kind, [string] $RepoRoot, [string[]] $Arguments, [int] $TimeoutSeconds)
    $dll = Get-FakeProgram -Kind $Kind -RepoRoot $RepoRoot
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll) + $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    # Drained from the start so a chatty fake can never block on a full pipe; read for the message when it fails.
    $stderr = $process.StandardError.ReadToEndAsync()
    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([TimeSpan]::FromSeconds($TimeoutSeconds))) {
        $process.Kill($true)
        $process.Dispose()
        throw "The fake $Kind service did not print its URLs within $TimeoutSeconds s."
    }
    $line = $readLine.Result
    if (-not $line) {
        $null = $process.WaitForExit(10000)
        $err = if ($stderr.Wait(5000)) { $stderr.Result } else { '' }
        $process.Dispose()
        throw "The fake $Kind service exited before listening: $err"
    }
    $null = $process.StandardOutput.ReadToEndAsync()
    return [pscustomobject]@{ Process = $process; Info = ($line | ConvertFrom-Json) }
}

<#
.SYNOPSIS
    Starts the fake Spotify service; returns ApiUrl, AccountsUrl, ClientId, RefreshToken, ControlUrl, Info, Process.
#>
function Start-FakeSpotify {
    [CmdletBinding()]
    param(
        [string] $Preset = 'Demo',
        [int] $Seed = 42,
        [int] $LatencyMs = 0,
        [string[]] $ExtraArguments = @(),
        [string] $RepoRoot = (Get-FakeRepoRoot),
        [int] $TimeoutSeconds = 120
    )
    $arguments = @('--port', '0', '--seed', "$Seed", '--preset', $Preset, '--latency-ms', "$LatencyMs") + $ExtraArguments
    $started = Start-FakeProcess -Kind Spotify -RepoRoot $RepoRoot -Arguments $arguments -TimeoutSeconds $TimeoutSeconds
    $info = $started.Info
    $control = ([Uri]$info.api).GetLeftPart([UriPartial]::Authority)
    return [pscustomobject]@{
        Kind         = 'Spotify'
        Process      = $started.Process
        Info         = $info
        ApiUrl       = $info.api
        AccountsUrl  = $info.accounts
        ClientId     = $info.clientId
        RefreshToken = $info.refreshToken
        ControlUrl   = "$control/_fake"
    }
}

<#
.SYNOPSIS
    Starts the fake Google OAuth + Drive service; returns ApiUrl, AuthUrl, TokenUrl, ClientId, RefreshToken, Info, Process.
#>
function Start-FakeDrive {
    [CmdletBinding()]
    param(
        [string] $RepoRoot = (Get-FakeRepoRoot),
        [int] $TimeoutSeconds = 120
    )
    $started = Start-FakeProcess -Kind Drive -RepoRoot $RepoRoot -Arguments @('--port', '0') -TimeoutSeconds $TimeoutSeconds
    $info = $started.Info
    return [pscustomobject]@{
        Kind         = 'Drive'
        Process      = $started.Process
        Info         = $info
        ApiUrl       = $info.root
        AuthUrl      = $info.auth
        TokenUrl     = $info.token
        ClientId     = $info.clientId
        RefreshToken = $info.refreshToken
    }
}

# Stops a fake started above; safe to call twice or with $null (an AfterAll after a failed BeforeAll).
function Stop-Fake {
    [CmdletBinding()]
    param([Parameter(Position = 0)] $Fake)
    if (-not $Fake -or -not $Fake.Process) { return }
    $process = $Fake.Process
    try {
        if (-not $process.HasExited) {
            try { $process.StandardInput.Close() } catch { Write-Verbose "stdin already closed: $_" }
            if (-not $process.WaitForExit(10000)) {
                $process.Kill($true)
                $null = $process.WaitForExit(10000)
            }
        }
    }
    finally { $process.Dispose() }
}

Export-ModuleMember -Function Get-FakeProgram, Start-FakeSpotify, Start-FakeDrive, Stop-Fake
