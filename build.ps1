#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages MusiVault.
.DESCRIPTION
    dotnet pwsh ./build.ps1 [Task]
      Build    (default) out/MusiVault: manifest, cmdlets, formats, help, Dependencies/ (engine + natives)
      Docs     validate docs/en-US/*.md, write out/MusiVault/en-US (MAML help + about topic); Build runs it too
      Test     Build, then xunit and Pester against out/MusiVault; prints "N passed, N failed"
      Package  Build, then out/packages/MusiVault.<version>.nupkg for Install-PSResource / Install-Module
      Demo     Build, then sync a sample library from the bundled fake Spotify service (no account needed)
      Bench    Build, then measure syncs, store, export and import against the fake; writes docs/benchmarks.md
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Package', 'Docs', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test and Package: skip the Build step (out/MusiVault must exist).
    [switch] $NoBuild,

    # Test only: run just the Pester files whose name matches (e.g. 'Module').
    [string] $PesterFilter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'MusiVault'
$Intermediate = Join-Path $Out 'obj'
$TestResults = Join-Path $Out 'test-results'
$PesterVersion = '5.7.1'

# The natives we ship: everything pwsh 7.4+ runs on. SQLitePCLRaw brings ~20 more we leave out.
$SupportedRids = @('win-x64', 'win-arm64', 'linux-x64', 'linux-arm64', 'linux-musl-x64', 'osx-x64', 'osx-arm64')

# A simple function (no param block) so that native flags such as -c and -o pass through untouched.
function Invoke-Native {
    $command, $arguments = $args
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "$command $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# A pwsh of the same version as the one running this script, started fresh (no module state leaks into tests).
function Get-PwshCommand {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $dll) { return @('dotnet', $dll) }
    return @((Get-Process -Id $PID).Path)
}

# The version lives in Directory.Build.props (<Version>, stamped into the assemblies); the shipped manifest gets it here.
function Get-ProductVersion {
    # Several property groups (the analyzer rules have their own); the one with <Version> is the one.
    $props = [xml](Get-Content (Join-Path $Root 'Directory.Build.props') -Raw)
    $version = $props.SelectNodes('/Project/PropertyGroup/Version') | ForEach-Object InnerText |
        Where-Object { $_ } | Select-Object -First 1
    if (-not $version) { throw 'Directory.Build.props has no <Version>.' }
    return $version.Trim()
}

function Set-ManifestVersion([string] $Path) {
    $version = Get-ProductVersion
    $text = Get-Content $Path -Raw
    $pattern = "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'"
    if ($text -notmatch $pattern) { throw "No ModuleVersion line in $Path." }
    Set-Content -Path $Path -Value ($text -replace $pattern, "`${1}'$version'") -NoNewline -Encoding utf8NoBOM
}

function Invoke-Build {
    Write-Host '==> Build' -ForegroundColor Cyan
    $engineOut = Join-Path $Intermediate 'engine'
    $cmdletOut = Join-Path $Intermediate 'cmdlets'
    foreach ($dir in $engineOut, $cmdletOut, $ModuleOut) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    }

    Invoke-Native dotnet publish (Join-Path $Root 'src/MusiVault.Engine/MusiVault.Engine.csproj') -c $Configuration -o $engineOut --nologo -v quiet
    Invoke-Native dotnet publish (Join-Path $Root 'src/MusiVault/MusiVault.csproj') -c $Configuration -o $cmdletOut --nologo -v quiet

    $null = New-Item -ItemType Directory -Force -Path $ModuleOut
    $deps = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleOut 'Dependencies')

    # Default load context: the cmdlets and the output types they share with the engine.
    foreach ($name in 'MusiVault.dll', 'MusiVault.pdb', 'MusiVault.Models.dll', 'MusiVault.Models.pdb') {
        Copy-Item (Join-Path $cmdletOut $name) $ModuleOut
    }
    Copy-Item (Join-Path $Root 'MusiVault.psd1') $ModuleOut
    Set-ManifestVersion (Join-Path $ModuleOut 'MusiVault.psd1')
    Copy-Item (Join-Path $Root 'CHANGELOG.md') $ModuleOut
    Copy-Item (Join-Path $Root 'src/MusiVault/Formats') $ModuleOut -Recurse
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut

    # Engine load context: the engine, its managed dependencies, its deps.json and the natives it resolves.
    Get-ChildItem $engineOut -File |
        Where-Object { $_.Name -notlike 'MusiVault.Models.*' } |
        Copy-Item -Destination $deps
    foreach ($rid in $SupportedRids) {
        $native = Join-Path $engineOut "runtimes/$rid/native"
        if (-not (Test-Path $native)) { throw "No native SQLite for $rid in the engine's publish output." }
        $target = New-Item -ItemType Directory -Force -Path (Join-Path $deps "runtimes/$rid/native")
        Get-ChildItem $native -File | Where-Object Name -like '*e_sqlite3*' | Copy-Item -Destination $target
    }

    # Managed assets chosen by OS at run time: none today (Google.Apis.Auth, which brought System.Management, is gone);
    # kept so that a dependency that ships some is packaged whole.
    Get-ChildItem (Join-Path $engineOut 'runtimes') -Directory |
        Where-Object { Test-Path (Join-Path $_.FullName 'lib') } |
        ForEach-Object {
            $target = New-Item -ItemType Directory -Force -Path (Join-Path $deps "runtimes/$($_.Name)")
            Copy-Item (Join-Path $_.FullName 'lib') $target -Recurse
        }

    Invoke-Docs

    $size = (Get-ChildItem $ModuleOut -Recurse -File | Measure-Object Length -Sum).Sum
    Write-Host ("    out/MusiVault: {0:N1} MiB" -f ($size / 1MB))
}

# Help from docs/en-US (platyPS markdown schema; see docs/README.md). Fails listing every file and section that is
# incomplete, so a cmdlet cannot ship without a synopsis, description, example and parameter descriptions.
function Invoke-Docs {
    Write-Host '==> Docs' -ForegroundColor Cyan
    Import-Module (Join-Path $Root 'tools/HelpBuilder/HelpBuilder.psm1') -Force
    try {
        $result = Build-ModuleHelp -DocsPath (Join-Path $Root 'docs/en-US') -ManifestPath (Join-Path $Root 'MusiVault.psd1') `
            -OutputPath (Join-Path $ModuleOut 'en-US')
    }
    catch {
        Write-Host $_.Exception.Message -ForegroundColor Red # one problem a line; the error view would run them together
        throw 'Docs failed: fix the help problems listed above (format: docs/README.md).'
    }
    Write-Host "    help for $($result.Commands) cmdlet(s), $($result.AboutTopics) about topic(s)"
}

function Get-PesterModulePath {
    Invoke-Native dotnet restore (Join-Path $Root 'tools/PesterRestore/PesterRestore.csproj') --nologo -v quiet
    $globalPackages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $globalPackages.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $PesterVersion was restored but $path is missing." }
    return $path
}

# Modules the Pester tests load beside MusiVault (out/test-fixtures/<Name>/).
function Invoke-TestFixtures {
    $fixture = Join-Path $Out 'test-fixtures/OtherSqliteModule'
    if (Test-Path $fixture) { Remove-Item $fixture -Recurse -Force }
    Invoke-Native dotnet publish (Join-Path $Root 'tests/OtherSqliteModule/OtherSqliteModule.csproj') -c $Configuration -o $fixture --nologo -v quiet
    Copy-Item (Join-Path $Root 'tests/OtherSqliteModule/OtherSqliteModule.psd1') $fixture

    # The test-only vault maker (tests/MusiVault.TestSeed): Pester makes its vaults through the real store with it.
    $seedOut = Join-Path $Out 'test-fixtures/MusiVault.TestSeed'
    Invoke-Native dotnet build (Join-Path $Root 'tests/MusiVault.TestSeed/MusiVault.TestSeed.csproj') -c $Configuration -o $seedOut --nologo -v quiet

    # The fake services, run as programs by tests/Pester/Fakes.psm1 (which rebuilds them if their sources are newer).
    foreach ($fake in 'MusiVault.FakeSpotify', 'MusiVault.FakeDrive') {
        $fakeOut = Join-Path $Out "test-fixtures/fakes/$fake"
        Invoke-Native dotnet build (Join-Path $Root "tests/$fake/$fake.csproj") -c $Configuration -o $fakeOut --nologo -v quiet
        (Get-Item (Join-Path $fakeOut "$fake.dll")).LastWriteTimeUtc = [DateTime]::UtcNow
    }
}

function Invoke-Test {
    if (-not $NoBuild) { Invoke-Build }
    Write-Host '==> Test' -ForegroundColor Cyan
    if (Test-Path $TestResults) { Remove-Item $TestResults -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $TestResults
    Invoke-TestFixtures

    # xunit
    $trx = Join-Path $TestResults 'xunit.trx'
    & dotnet test (Join-Path $Root 'tests/MusiVault.Engine.Tests/MusiVault.Engine.Tests.csproj') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal'
    $xunitExit = $LASTEXITCODE
    $xPassed = 0; $xFailed = 0
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $xPassed = [int]$counters.passed
        $xFailed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    if ($xunitExit -ne 0 -and $xFailed -eq 0) { $xFailed = 1 } # a crash or build error counts as a failure

    # Pester, in a fresh pwsh so that the module under test is imported into a clean process.
    $pester = Get-PesterModulePath
    $summary = Join-Path $TestResults 'pester-summary.json'
    $pesterXml = Join-Path $TestResults 'pester.xml'
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester' -RequiredVersion $PesterVersion
`$config = New-PesterConfiguration
`$config.Run.Path = @(Get-ChildItem '$(Join-Path $Root 'tests/Pester')' -Filter '$PesterFilter.Tests.ps1' | ForEach-Object FullName)
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
# No NUnit XML: test names carry every character the tests feed the cmdlets (NUL included), which XML cannot hold,
# and a failed report write would lose the run's totals. The console output is the record.
`$config.TestResult.Enabled = `$false
`$config.TestResult.OutputPath = '$pesterXml'
`$result = Invoke-Pester -Configuration `$config
@{ Passed = `$result.PassedCount; Failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount } |
    ConvertTo-Json | Set-Content '$summary'
"@
    $pwsh = Get-PwshCommand
    $env:MUSIVAULT_TEST_MODULE = Join-Path $ModuleOut 'MusiVault.psd1'
    $env:MUSIVAULT_TEST_FIXTURES = Join-Path $Out 'test-fixtures'
    $env:MUSIVAULT_TEST_REPO = $Root
    $env:MUSIVAULT_TEST_PWSH = ($pwsh -join [char]0x1F)
    # Child pwsh processes print plain text: an ANSI escape in a failure message breaks Pester's NUnit report (0x1B is not valid XML).
    $env:NO_COLOR = '1'
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script
    $pPassed = 0; $pFailed = 1
    if (Test-Path $summary) {
        $p = Get-Content $summary -Raw | ConvertFrom-Json
        $pPassed = [int]$p.Passed; $pFailed = [int]$p.Failed
    }

    Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed" -f $xPassed, $xFailed, $pPassed, $pFailed)
    $passed = $xPassed + $pPassed
    $failed = $xFailed + $pFailed
    "$passed passed, $failed failed" | Set-Content (Join-Path $TestResults 'totals.txt')
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Package {
    if (-not $NoBuild) { Invoke-Build }
    Write-Host '==> Package' -ForegroundColor Cyan
    $packages = Join-Path $Out 'packages'
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $packages
    Import-Module Microsoft.PowerShell.PSResourceGet
    Compress-PSResource -Path $ModuleOut -DestinationPath $packages
    Get-ChildItem $packages -Filter *.nupkg | ForEach-Object { Write-Host "    $($_.FullName)" }
}

function Invoke-Demo {
    if (-not $NoBuild) { Invoke-Build }
    Write-Host '==> Demo' -ForegroundColor Cyan
    & (Join-Path $Root 'tools/Demo.ps1') -RepoRoot $Root -ModulePath (Join-Path $ModuleOut 'MusiVault.psd1')
}

function Invoke-Bench {
    if (-not $NoBuild) { Invoke-Build }
    Write-Host '==> Bench' -ForegroundColor Cyan
    & (Join-Path $Root 'tools/Bench.ps1') -RepoRoot $Root -ModulePath (Join-Path $ModuleOut 'MusiVault.psd1')
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Docs' { Invoke-Docs }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
    }
}
finally {
    Pop-Location
}
