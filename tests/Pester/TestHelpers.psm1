# Shared by the Pester files: where the built module is, and how to run a fresh pwsh.
# build.ps1 Test sets MUSIVAULT_TEST_MODULE (out/MusiVault/MusiVault.psd1) and MUSIVAULT_TEST_PWSH.

function Get-TestModulePath {
    if ($env:MUSIVAULT_TEST_MODULE) { return $env:MUSIVAULT_TEST_MODULE }
    return (Resolve-Path (Join-Path $PSScriptRoot '../../out/MusiVault/MusiVault.psd1')).Path
}

function Get-TestPwsh {
    if ($env:MUSIVAULT_TEST_PWSH) { return $env:MUSIVAULT_TEST_PWSH -split [char]0x1F }
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $dll) { return @('dotnet', $dll) }
    return @((Get-Process -Id $PID).Path)
}

# Runs a script in a fresh pwsh (-NoProfile) and returns its stdout lines; $LASTEXITCODE is the child's.
function Invoke-FreshPwsh {
    param([Parameter(Mandatory)][string] $Script, [hashtable] $Environment = @{})
    $pwsh = Get-TestPwsh
    $saved = @{}
    foreach ($key in $Environment.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, $Environment[$key])
    }
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}

# Starts a fresh pwsh (-NoProfile) running $Script with stdin and stdout redirected, for a process a test drives by
# signals: it prints a line when it reaches a point (Wait-ProcessLine), and ends when its stdin closes.
function Start-FreshPwsh {
    param([Parameter(Mandatory)][string] $Script, [hashtable] $Environment = @{})
    $pwsh = Get-TestPwsh
    $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
    foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)) { $psi.ArgumentList.Add($a) }
    foreach ($key in $Environment.Keys) {
        if ($null -eq $Environment[$key]) { $null = $psi.Environment.Remove($key) } else { $psi.Environment[$key] = $Environment[$key] }
    }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    return [System.Diagnostics.Process]::Start($psi)
}

# Reads the process's stdout until a line equal to $Line arrives; throws after $TimeoutSeconds or when the process
# ends first, with what it printed.
function Wait-ProcessLine {
    param([Parameter(Mandatory)][System.Diagnostics.Process] $Process, [Parameter(Mandatory)][string] $Line,
        [int] $TimeoutSeconds = 120)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $seen = [Collections.Generic.List[string]]::new()
    while ($true) {
        $left = $deadline - [DateTime]::UtcNow
        if ($left -le [TimeSpan]::Zero) { throw "No '$Line' within $TimeoutSeconds s; the process printed: $($seen -join ' | ')" }
        $read = $Process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait($left)) { throw "No '$Line' within $TimeoutSeconds s; the process printed: $($seen -join ' | ')" }
        if ($null -eq $read.Result) { throw "The process ended before printing '$Line'; it printed: $($seen -join ' | ')" }
        if ($read.Result -eq $Line) { return }
        $seen.Add($read.Result)
    }
}

# Ends a process started by Start-FreshPwsh: closes its stdin, then kills it if it has not exited within 10 s.
function Stop-FreshPwsh {
    param([System.Diagnostics.Process] $Process)
    if (-not $Process) { return }
    try {
        if (-not $Process.HasExited) {
            try { $Process.StandardInput.Close() } catch { Write-Verbose "stdin already closed: $_" }
            if (-not $Process.WaitForExit(10000)) { $Process.Kill($true); $null = $Process.WaitForExit(10000) }
        }
    }
    finally { $Process.Dispose() }
}

# A private MUSIVAULT_HOME for one test file.
function New-TestHome {
    $dir = Join-Path ([IO.Path]::GetTempPath()) ("mv-pester-" + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $dir | Out-Null
    return $dir
}

# Makes a vault through the real store with tests/MusiVault.TestSeed (built by build.ps1 Test into
# out/test-fixtures/MusiVault.TestSeed; built here when missing): -Empty for a new vault, -SeedJson for a seed in
# VaultSeed's JSON shape (tests/MusiVault.TestSeed/VaultSeed.cs).
function New-TestVault {
    param([Parameter(Mandatory)][string] $Path, [string] $SeedJson)
    $fixtures = if ($env:MUSIVAULT_TEST_FIXTURES) { $env:MUSIVAULT_TEST_FIXTURES } else { Join-Path $PSScriptRoot '../../out/test-fixtures' }
    $dll = Join-Path $fixtures 'MusiVault.TestSeed/MusiVault.TestSeed.dll'
    if (-not (Test-Path $dll)) {
        $output = & dotnet build (Join-Path $PSScriptRoot '../MusiVault.TestSeed/MusiVault.TestSeed.csproj') -c Release -o (Split-Path $dll) --nologo -v quiet 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Building MusiVault.TestSeed failed:`n$($output -join "`n")" }
    }
    $output = if ($SeedJson) { $SeedJson | & dotnet $dll query-seed $Path 2>&1 } else { & dotnet $dll empty $Path 2>&1 }
    if ($LASTEXITCODE -ne 0) { throw "MusiVault.TestSeed failed for ${Path}:`n$($output -join "`n")" }
}

Export-ModuleMember -Function Get-TestModulePath, Get-TestPwsh, Invoke-FreshPwsh, Start-FreshPwsh, Wait-ProcessLine, Stop-FreshPwsh,
    New-TestHome, New-TestVault
