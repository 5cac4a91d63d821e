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

# A private MUSIVAULT_HOME for one test file.
function New-TestHome {
    $dir = Join-Path ([IO.Path]::GetTempPath()) ("mv-pester-" + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $dir | Out-Null
    return $dir
}

Export-ModuleMember -Function Get-TestModulePath, Get-TestPwsh, Invoke-FreshPwsh, New-TestHome
