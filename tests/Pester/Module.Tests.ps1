BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
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
