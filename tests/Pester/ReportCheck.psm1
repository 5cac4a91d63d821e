# Opens a report in real headless Chromium through tests/MusiVault.ReportCheck (built on demand, as Fakes.psm1 builds
# the fakes) and returns what the page evaluated, its console/exception problems and every URL it requested.

function Initialize-ReportCheck {
    param([Parameter(Mandatory)][string] $RepoRoot)
    $project = Join-Path $RepoRoot 'tests/MusiVault.ReportCheck'
    $checkOut = Join-Path $RepoRoot 'out/test-fixtures/report-check'
    $dll = Join-Path $checkOut 'MusiVault.ReportCheck.dll'
    $sources = @(Get-ChildItem $project, (Join-Path $RepoRoot 'tests/MusiVault.Engine.Tests/Report') -Recurse -File -Include *.cs, *.csproj |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' })
    if (-not (Test-Path $dll) -or @($sources | Where-Object LastWriteTimeUtc -gt (Get-Item $dll).LastWriteTimeUtc).Count -gt 0) {
        $output = & dotnet build (Join-Path $project 'MusiVault.ReportCheck.csproj') -c Release -o $checkOut --nologo -v quiet -clp:ErrorsOnly 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Building MusiVault.ReportCheck failed:`n$($output -join "`n")" }
        (Get-Item $dll).LastWriteTimeUtc = [DateTime]::UtcNow
    }
    return $dll
}

# Values by name (expressions run in order), problems and requested URLs. No Chromium: throws saying how to install it.
function Invoke-ReportCheck {
    param(
        [Parameter(Mandatory)][string] $CheckDll,
        [Parameter(Mandatory)][string] $Report,
        [System.Collections.Specialized.OrderedDictionary] $Eval = [ordered]@{},
        [string] $Screenshot,
        [int] $Width = 1280,
        [int] $Height = 900
    )
    $arguments = @($CheckDll, $Report, '--width', "$Width", '--height', "$Height")
    if ($Screenshot) { $arguments += @('--screenshot', $Screenshot) }
    foreach ($name in $Eval.Keys) { $arguments += @('--eval', $name, $Eval[$name]) }
    $errFile = [IO.Path]::GetTempFileName()
    try {
        $out = & dotnet @arguments 2> $errFile
        if ($LASTEXITCODE -ne 0) {
            throw "Could not open the report in Chromium ($env:MUSIVAULT_CHROMIUM or /usr/bin/chromium; install Debian's chromium package): $(Get-Content $errFile -Raw)"
        }
    }
    finally { Remove-Item $errFile -ErrorAction SilentlyContinue }
    return ($out -join "`n") | ConvertFrom-Json -AsHashtable
}

Export-ModuleMember -Function Initialize-ReportCheck, Invoke-ReportCheck
