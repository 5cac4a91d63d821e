BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
    # Readers never create a vault: the store makes the ones the tests read.
    $script:PackageVault = Join-Path $script:TestHome 'package/v.db'
    foreach ($path in 'vault.db', 'custom/v.db', 'tilde/t.db', 'package/v.db') { New-TestVault -Path (Join-Path $script:TestHome $path) }
}

AfterAll {
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The built module' {
    It 'imports in a fresh pwsh and Get-VaultInfo returns a typed VaultInfo' {
        $out = Invoke-FreshPwsh -Environment @{ MUSIVAULT_HOME = $script:TestHome; MUSIVAULT_VAULT = $null } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
`$info = Get-VaultInfo
`$info.GetType().FullName
`$info.Path
`$info.SchemaVersion
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[0] | Should -Be 'MusiVault.VaultInfo'
        $out[1] | Should -Be (Join-Path $script:TestHome 'vault.db')
        [int]$out[2] | Should -BeGreaterThan 0
    }
}

Describe 'Dependency isolation' {
    BeforeAll {
        $script:Other = Join-Path $env:MUSIVAULT_TEST_FIXTURES 'OtherSqliteModule/OtherSqliteModule.psd1'
    }

    It 'works beside a module carrying an older Microsoft.Data.Sqlite imported <Order>' -ForEach @(
        @{ Order = 'before MusiVault'; First = 'Other' }
        @{ Order = 'after MusiVault'; First = 'MusiVault' }
    ) {
        $imports = if ($First -eq 'Other') { "Import-Module '$script:Other'; Import-Module '$script:ModulePath'" }
                   else { "Import-Module '$script:ModulePath'; Import-Module '$script:Other'" }
        $out = Invoke-FreshPwsh -Environment @{ MUSIVAULT_HOME = $script:TestHome; MUSIVAULT_VAULT = $null } -Script @"
`$ErrorActionPreference = 'Stop'
$imports
`$other1 = Test-OtherSqlite
`$info = Get-VaultInfo
`$other2 = Test-OtherSqlite
`$info2 = Get-VaultInfo
"other=`$(`$other1.Answer),`$(`$other2.Answer),`$(`$other1.SqliteAssemblyVersion)"
"vault=`$(`$info.SchemaVersion),`$(`$info2.SqliteVersion)"
"contexts=" + (([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { `$_.Assemblies.GetName().Name -contains 'Microsoft.Data.Sqlite' } | ForEach-Object Name | Sort-Object) -join ',')
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Contain 'other=42,42,8.0.30.0'
        ($out | Where-Object { $_ -like 'vault=*' }) | Should -Match '^vault=[1-9]\d*,3\.\d+\.\d+$'
        $out | Should -Contain 'contexts=Default,MusiVault.Engine'
    }

    It 'can be removed and imported again in the same session' {
        $out = Invoke-FreshPwsh -Environment @{ MUSIVAULT_HOME = $script:TestHome; MUSIVAULT_VAULT = $null } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
`$a = (Get-VaultInfo).SchemaVersion
Remove-Module MusiVault
if (Get-Command Get-VaultInfo -ErrorAction SilentlyContinue) { throw 'still exported after Remove-Module' }
Import-Module '$script:ModulePath'
`$b = (Get-VaultInfo).SchemaVersion
"ok `$a `$b"
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Match '^ok [1-9]\d* [1-9]\d*$'
    }
}

Describe 'Vault location' {
    It 'uses MUSIVAULT_VAULT, and -Vault (with ~) overrides it' {
        $custom = Join-Path $script:TestHome 'custom/v.db'
        $out = Invoke-FreshPwsh -Environment @{ MUSIVAULT_HOME = $script:TestHome; MUSIVAULT_VAULT = $custom; HOME = $script:TestHome } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
(Get-VaultInfo).Path
(Get-VaultInfo -Vault '~/tilde/t.db').Path
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[0] | Should -Be $custom
        $out[1] | Should -Be (Join-Path $script:TestHome 'tilde/t.db')
    }

    It 'reports an unopenable vault as a terminating error with a stable id and target' {
        $notADb = Join-Path $script:TestHome 'garbage.db'
        Set-Content -Path $notADb -Value ('x' * 5000)
        $out = Invoke-FreshPwsh -Environment @{ MUSIVAULT_HOME = $script:TestHome } -Script @"
Import-Module '$script:ModulePath'
try { Get-VaultInfo -Vault '$notADb' -ErrorAction Stop; 'no error' }
catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category; `$_.TargetObject }
"@
        $out[0] | Should -Be 'VaultOpenFailed,MusiVault.Commands.GetVaultInfoCommand'
        $out[1] | Should -Be 'OpenError'
        $out[2] | Should -Be $notADb
        (Get-Content $notADb -Raw).Trim() | Should -Be ('x' * 5000) -Because 'a bad file is never overwritten'
    }
}

Describe 'Package' {
    It 'produces a nupkg that PSResourceGet installs from a local repository folder (Save-PSResource)' {
        $repoRoot = $env:MUSIVAULT_TEST_REPO
        $installRoot = Join-Path $script:TestHome 'installed'
        $repoName = 'MusiVaultTest' + [Guid]::NewGuid().ToString('N').Substring(0, 8)
        $out = Invoke-FreshPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Set-Location '$repoRoot'
& ./build.ps1 Package -NoBuild | Out-Null
`$pkg = Get-ChildItem '$repoRoot/out/packages' -Filter 'MusiVault.*.nupkg' | Select-Object -First 1
"nupkg=`$(`$pkg.Name)"
Register-PSResourceRepository -Name $repoName -Uri '$repoRoot/out/packages' -Trusted
try {
    New-Item -ItemType Directory -Force '$installRoot' | Out-Null
    Save-PSResource -Name MusiVault -Repository $repoName -Path '$installRoot' -TrustRepository
    `$manifest = Get-ChildItem '$installRoot' -Recurse -Filter MusiVault.psd1 | Select-Object -First 1
    `$data = Import-PowerShellDataFile `$manifest.FullName
    "tags=" + (`$data.PrivateData.PSData.Tags -join ',')
    Import-Module `$manifest.FullName
    "type=" + (Get-VaultInfo -Vault '$script:PackageVault').GetType().FullName
}
finally { Unregister-PSResourceRepository -Name $repoName }
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Contain 'type=MusiVault.VaultInfo'
        ($out | Where-Object { $_ -like 'nupkg=*' }) | Should -Match '^nupkg=MusiVault\.\d+\.\d+\.\d+\.nupkg$'
        $tags = ($out | Where-Object { $_ -like 'tags=*' }) -replace '^tags=' -split ','
        foreach ($tag in 'PSEdition_Core', 'Windows', 'Linux', 'MacOS', 'Spotify', 'Backup', 'SQLite') { $tags | Should -Contain $tag }
    }
}
