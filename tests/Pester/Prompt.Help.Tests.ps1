# Issue 13, help: no -Online suggestion without a URI, no raw markdown in the console, examples showing real output.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $out = Invoke-FreshPwsh -Environment @{ NO_COLOR = '1' } -Script @"
Import-Module '$script:ModulePath'
foreach (`$c in Get-Command -Module MusiVault) {
    "<<`$(`$c.Name)>>"
    Get-Help `$c.Name -Full | Out-String -Width 200 -Stream
}
'<<about>>'
Get-Help about_MusiVault | Out-String -Width 200 -Stream
Get-Help about_MusiVault_Unattended | Out-String -Width 200 -Stream
"@
    $script:Help = @{}
    $current = $null
    foreach ($line in $out) {
        if ($line -match '^<<([\w-]+)>>$') { $current = $Matches[1]; $script:Help[$current] = [System.Collections.Generic.List[string]]::new(); continue }
        if ($current) { $script:Help[$current].Add("$line") }
    }
}

Describe 'Help in the console' {
    It 'covers every cmdlet and both about topics' {
        $script:Help.Keys.Count | Should -BeGreaterThan 15
        ($script:Help['about'] -join "`n") | Should -Match 'sync-and-backup\.ps1'
    }

    It 'never suggests Get-Help -Online (no cmdlet has an online address)' {
        foreach ($name in $script:Help.Keys) { ($script:Help[$name] -join "`n") | Should -Not -Match '-Online' -Because $name }
    }

    It 'shows no markdown backticks' {
        foreach ($name in $script:Help.Keys) {
            # Code in examples may use the PowerShell escape character; descriptions and remarks may not use `code`.
            @($script:Help[$name] | Where-Object { $_ -match '`[\w$-][^`]*`' }) | Should -BeNullOrEmpty -Because $name
        }
    }

    It 'names related help topics in the notes' {
        ($script:Help['Get-VaultInfo'] -join "`n") | Should -Match 'Related help: .*about_MusiVault'
    }

    It 'the Get-VaultInfo example shows the current schema version' {
        $version = Invoke-FreshPwsh -Script @"
Import-Module '$script:ModulePath'
# Any read loads the engine (here: a vault that does not exist), so its schema version can be read.
try { Get-VaultInfo -Vault (Join-Path ([IO.Path]::GetTempPath()) ('mv-' + [Guid]::NewGuid().ToString('N') + '.db')) -ErrorAction Stop } catch { }
`$asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'MusiVault.Engine' }
`$asm.GetType('MusiVault.Engine.Vault.VaultSchema').GetProperty('CurrentVersion', [Reflection.BindingFlags]'Static,Public,NonPublic').GetValue(`$null)
"@
        ($script:Help['Get-VaultInfo'] -join "`n") | Should -Match "SchemaVersion\s+: $($version | Select-Object -Last 1)\b"
    }
}
