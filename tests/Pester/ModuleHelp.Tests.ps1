# Every exported cmdlet has real help in the built module: Get-Help in a fresh pwsh shows a written synopsis, a
# description, examples and a description for every parameter, and docs/en-US/<Cmdlet>.md documents exactly the
# cmdlet's parameters. Data-driven from CmdletsToExport, so a new cmdlet is covered without touching this file.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Import-PowerShellDataFile (Get-TestModulePath)
    $cmdlets = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../tools/HelpBuilder/HelpBuilder.psm1') -Force
    $script:DocsPath = Join-Path $PSScriptRoot '../../docs/en-US'
    $script:TestHome = New-TestHome

    # One fresh pwsh reads everything Get-Help shows for every exported cmdlet, as JSON.
    $out = Invoke-FreshPwsh -Environment @{ MUSIVAULT_HOME = $script:TestHome; MUSIVAULT_VAULT = $null } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-TestModulePath)'
`$common = [System.Management.Automation.Cmdlet]::CommonParameters
function Get-Text(`$value) { ((@(`$value) | Where-Object { `$_ } | ForEach-Object { `$_.Text }) -join "``n").Trim() }
`$cmdlets = foreach (`$name in (Get-Module MusiVault).ExportedCmdlets.Keys) {
    `$help = Get-Help `$name -Full
    [pscustomobject]@{
        Name           = `$name
        Syntax         = (Get-Command `$name -Syntax | Out-String).Trim()
        Synopsis       = "`$(`$help.Synopsis)".Trim()
        Description    = Get-Text `$help.description
        Examples       = @(`$help.examples.example | Where-Object { `$_ } | ForEach-Object { "`$(`$_.code)" })
        HelpParameters = @(`$help.parameters.parameter | Where-Object { `$_ } | ForEach-Object {
            [pscustomobject]@{ Name = `$_.name; Description = Get-Text `$_.description } })
        Parameters     = @((Get-Command `$name).Parameters.Keys | Where-Object { `$_ -notin `$common })
        ExamplesView   = Get-Help `$name -Examples | Out-String -Width 250
    }
}
[pscustomobject]@{ Cmdlets = @(`$cmdlets); About = (Get-Help about_MusiVault | Out-String) } | ConvertTo-Json -Depth 6
"@
    $script:FreshExit = $LASTEXITCODE
    $script:FreshOutput = $out -join "`n"
    $script:Help = if ($script:FreshExit -eq 0) { $script:FreshOutput | ConvertFrom-Json } else { $null }

    function Get-CmdletHelp([string] $Name) {
        $script:FreshExit | Should -Be 0 -Because $script:FreshOutput
        $help = $script:Help.Cmdlets | Where-Object Name -EQ $Name
        $help | Should -Not -BeNullOrEmpty -Because "$Name is exported and should be in the built module"
        $help
    }
}

AfterAll {
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $mdPath = Join-Path $script:DocsPath "$Name.md"
        $md = if (Test-Path $mdPath) { ConvertFrom-HelpMarkdown -Path $mdPath } else { $null }
    }

    It 'has docs/en-US/<Name>.md that passes the help builder''s checks' {
        $md | Should -Not -BeNullOrEmpty -Because "$mdPath should exist"
        $problems = Test-HelpDocument -Help $md -ModuleName 'MusiVault' -HelpFileName 'MusiVault.dll-Help.xml'
        $problems | Should -BeNullOrEmpty
    }

    It 'documents exactly the cmdlet''s parameters' {
        $help = Get-CmdletHelp $Name
        $documented = @($md.Parameters | ForEach-Object Name)
        $actual = @($help.Parameters)
        $missing = $actual | Where-Object { $_ -notin $documented } | Sort-Object
        $extra = $documented | Where-Object { $_ -notin $actual } | Sort-Object
        "undocumented: $($missing -join ', '); not a parameter: $($extra -join ', ')" |
            Should -Be 'undocumented: ; not a parameter: ' -Because "the '### -Name' headings in $Name.md should name every parameter of the cmdlet (WhatIf and Confirm included) and no other"
    }

    It 'has a written synopsis, not the generated syntax' {
        $help = Get-CmdletHelp $Name
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Be $help.Syntax
        # Without help, Get-Help's synopsis is the syntax: 'Verb-Noun [-Param <type>] [<CommonParameters>]' or the bare name.
        $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))(\s+\[?-|\s+\[<|\s*$)" -Because 'Get-Help falls back to the syntax when it finds no help'
    }

    It 'has a description' {
        (Get-CmdletHelp $Name).Description | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example, and Get-Help -Examples shows it' {
        $help = Get-CmdletHelp $Name
        $help.Examples.Count | Should -BeGreaterOrEqual 1
        foreach ($code in $help.Examples) {
            $code.Trim() | Should -Not -BeNullOrEmpty
            $firstLine = ($code.Trim() -split "`n")[0].Trim()
            $help.ExamplesView | Should -BeLike "*$([WildcardPattern]::Escape($firstLine))*"
        }
    }

    It 'describes every parameter' {
        $help = Get-CmdletHelp $Name
        foreach ($parameter in $help.Parameters) {
            $entry = $help.HelpParameters | Where-Object Name -EQ $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "Get-Help $Name should list -$parameter"
            $entry.Description | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a description"
        }
    }
}

Describe 'about_MusiVault' {
    It 'is shown by Get-Help about_MusiVault' {
        $script:FreshExit | Should -Be 0 -Because $script:FreshOutput
        $script:Help.About | Should -Match 'TOPIC\s+about_MusiVault'
        $script:Help.About | Should -Match 'SHORT DESCRIPTION\s+\S'
        $script:Help.About | Should -Match 'LONG DESCRIPTION\s+\S'
    }
}
