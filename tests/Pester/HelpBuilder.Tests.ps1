# The help converter itself (tools/HelpBuilder), on a made-up module: parameter sets, switches, pipeline input and
# positions reach Get-Help as platyPS would render them, and incomplete docs fail with the file and section named.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../tools/HelpBuilder/HelpBuilder.psm1') -Force
    $script:Work = New-TestHome

    function New-DocSet([string] $Name, [hashtable] $Files, [string[]] $Cmdlets) {
        $root = Join-Path $script:Work $Name
        $docs = New-Item -ItemType Directory -Force -Path (Join-Path $root 'docs')
        foreach ($file in $Files.Keys) { Set-Content -LiteralPath (Join-Path $docs $file) -Value $Files[$file] }
        $manifest = Join-Path $root 'Thing.psd1'
        Set-Content -LiteralPath $manifest -Value "@{ RootModule = 'Thing.dll'; ModuleVersion = '1.0'; CmdletsToExport = @($(($Cmdlets | ForEach-Object { "'$_'" }) -join ', ')) }"
        [pscustomobject]@{ Docs = $docs.FullName; Manifest = $manifest; Out = (Join-Path $root 'out') }
    }

    $script:About = @'
# about_Thing

## about_Thing

# SHORT DESCRIPTION
Things.

# LONG DESCRIPTION
A paragraph long enough to need wrapping, because it goes on and on about things well past the eightieth column of a console.

- first item
- second item that is also long enough to be wrapped onto a second line with a hanging indent

```powershell
Set-Thing -Name x
```
'@

    $script:SetThing = @'
---
external help file: Thing.dll-Help.xml
Module Name: Thing
online version:
schema: 2.0.0
---

# Set-Thing

## SYNOPSIS
Sets a thing.

## SYNTAX

### ByName (Default)
```
Set-Thing [-Name] <String> [-Force] [<CommonParameters>]
```

### ById
```
Set-Thing -Id <Int32[]> [-Force] [<CommonParameters>]
```

## DESCRIPTION
Sets a thing by name or id.

## EXAMPLES

### Example 1: By name
```powershell
Set-Thing -Name lamp
```

Sets the lamp.

## PARAMETERS

### -Name
The thing's name.

```yaml
Type: String
Parameter Sets: ByName
Aliases: ThingName

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: True
```

### -Id
The thing's ids.

```yaml
Type: Int32[]
Parameter Sets: ById
Aliases:

Required: True
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### -Force
Without asking.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String
A name.

## OUTPUTS

### None
Nothing.

## NOTES
A note.

## RELATED LINKS

[about_Thing](about_Thing.md)
[Project](https://example.org/thing)
'@
}

AfterAll {
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Build-ModuleHelp on complete docs' {
    BeforeAll {
        $set = New-DocSet 'good' @{ 'Set-Thing.md' = $script:SetThing; 'about_Thing.md' = $script:About } 'Set-Thing'
        $result = Build-ModuleHelp -DocsPath $set.Docs -ManifestPath $set.Manifest -OutputPath $set.Out
        $maml = Join-Path $set.Out 'Thing.dll-Help.xml'
        # A function can point Get-Help at a MAML file, which lets a fresh pwsh render it without a compiled cmdlet.
        $out = Invoke-FreshPwsh -Script @"
function Set-Thing {
    # .EXTERNALHELP $maml
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'ByName', Mandatory, Position = 0, ValueFromPipelineByPropertyName)][Alias('ThingName')][SupportsWildcards()][string] `$Name,
        [Parameter(ParameterSetName = 'ById', Mandatory)][int[]] `$Id,
        [switch] `$Force
    )
}
`$help = Get-Help Set-Thing -Full
`$name = Get-Help Set-Thing -Parameter Name
[pscustomobject]@{
    Synopsis = `$help.Synopsis
    Syntax   = @((`$help.syntax | Out-String -Width 200) -split "``n" | ForEach-Object Trim | Where-Object { `$_ -like 'Set-Thing*' })
    Name     = [pscustomobject]@{ Required = `$name.required; Position = `$name.position; Pipeline = `$name.pipelineInput; Globbing = `$name.globbing; Aliases = `$name.aliases }
    Links    = @(`$help.relatedLinks.navigationLink | ForEach-Object { "`$(`$_.linkText)|`$(`$_.uri)" })
    Full     = `$help | Out-String -Width 200
} | ConvertTo-Json -Depth 4
"@
        $exit = $LASTEXITCODE
        $rendered = if ($exit -eq 0) { ($out -join "`n") | ConvertFrom-Json } else { $null }
    }

    It 'writes the MAML file and the about topic' {
        $result.Commands | Should -Be 1
        $result.AboutTopics | Should -Be 1
        ([xml](Get-Content $maml -Raw)).helpItems.command.details.name | Should -Be 'Set-Thing'
    }

    It 'renders one syntax line per parameter set, switches without a value type' {
        $exit | Should -Be 0 -Because ($out -join "`n")
        $rendered.Syntax.Count | Should -Be 2 -Because ($rendered.Syntax -join "`n")
        $rendered.Syntax[0] | Should -Match '^Set-Thing \[-Name\] <String> \[-Force\]'
        $rendered.Syntax[1] | Should -Match '^Set-Thing -Id <Int32\[\]> \[-Force\]'
    }

    It 'carries the parameter attributes from the yaml' {
        $rendered.Name.Required | Should -Be 'true'
        $rendered.Name.Position | Should -Be '0'
        $rendered.Name.Pipeline | Should -Be 'True (ByPropertyName)'
        $rendered.Name.Globbing | Should -Be 'true'
        $rendered.Name.Aliases | Should -Be 'ThingName'
    }

    It 'shows synopsis, inputs, outputs, notes and related links' {
        $rendered.Synopsis | Should -Be 'Sets a thing.'
        $rendered.Full | Should -Match 'System\.String\s+A name\.'
        $rendered.Full | Should -Match 'NOTES\s+A note\.'
        # A link without an address would make Get-Help suggest -Online; it is listed in NOTES as related help instead.
        $rendered.Links | Should -Be @('Project|https://example.org/thing')
        $rendered.Full | Should -Match 'about_Thing'
    }

    It 'lays out the about topic as TOPIC / SHORT DESCRIPTION / LONG DESCRIPTION within 80 columns' {
        $text = Get-Content (Join-Path $set.Out 'about_Thing.help.txt') -Raw
        $text | Should -Match '^TOPIC\n    about_Thing\n\nSHORT DESCRIPTION\n    Things\.\n\nLONG DESCRIPTION\n    A paragraph'
        $text | Should -Match '\n    - second item that is .+\n      \S'
        $text | Should -Match '\n        Set-Thing -Name x\n'
        $text -split "`n" | Where-Object Length -GT 80 | Should -BeNullOrEmpty
    }
}

Describe 'Build-ModuleHelp on incomplete docs' {
    It 'fails naming each file and section that is incomplete, and writes nothing' {
        $broken = $script:SetThing -replace 'Sets a thing\.\r?\n', '' -replace 'Without asking\.', '' -replace '(?s)### Example 1.*?Sets the lamp\.', '' -replace 'Sets a thing by name or id\.', '{{ Fill in the Description }}'
        $set = New-DocSet 'broken' @{ 'Set-Thing.md' = $broken; 'Get-Stray.md' = $script:SetThing } 'Set-Thing', 'Get-Missing'
        $message = { Build-ModuleHelp -DocsPath $set.Docs -ManifestPath $set.Manifest -OutputPath $set.Out } |
            Should -Throw -PassThru | ForEach-Object { $_.Exception.Message }
        $message | Should -BeLike '*Set-Thing.md: ## SYNOPSIS: is empty*'
        $message | Should -BeLike '*Set-Thing.md: ## EXAMPLES: needs at least one*'
        $message | Should -BeLike '*Set-Thing.md: ## PARAMETERS: -Force has no description*'
        $message | Should -BeLike "*Set-Thing.md: placeholder '{{ Fill in the Description }}'*"
        $message | Should -BeLike '*Get-Missing.md: missing*'
        $message | Should -BeLike "*Get-Stray.md: 'Get-Stray' is not in CmdletsToExport*"
        $message | Should -BeLike '*about_Thing.md: missing*'
        Test-Path $set.Out | Should -BeFalse
    }
}

Describe 'New-HelpMarkdown' {
    BeforeAll {
        function global:Set-Generated {
            [CmdletBinding(DefaultParameterSetName = 'ByName', SupportsShouldProcess)]
            [OutputType([string])]
            param(
                [Parameter(ParameterSetName = 'ByName', Mandatory, Position = 0, ValueFromPipelineByPropertyName)][Alias('GeneratedName')][string] $Name,
                [Parameter(ParameterSetName = 'ById', Mandatory, ValueFromPipeline)][int[]] $Id,
                [ValidateSet('Short', 'Long')][string] $Range,
                [switch] $Force
            )
        }
        $dir = Join-Path $script:Work 'generated'
        $file = New-HelpMarkdown -Name Set-Generated -OutputPath $dir -ModuleName Thing
        $help = ConvertFrom-HelpMarkdown -Path $file.FullName
    }

    AfterAll {
        Remove-Item function:global:Set-Generated -ErrorAction SilentlyContinue
    }

    It 'documents every parameter with the metadata of the command' {
        @($help.Parameters.Name) | Should -Be @('Confirm', 'Force', 'Id', 'Name', 'Range', 'WhatIf')
        $name = $help.Parameters | Where-Object Name -EQ 'Name'
        $name.Metadata[0].ParameterSets | Should -Be @('ByName')
        $name.Metadata[0].Position | Should -Be '0'
        $name.Metadata[0].Required | Should -BeTrue
        $name.Metadata[0].PipelineInput | Should -Be 'True (ByPropertyName)'
        $name.Metadata[0].Aliases | Should -Be @('GeneratedName')
        ($help.Parameters | Where-Object Name -EQ 'Range').Metadata[0].AcceptedValues | Should -Be @('Short', 'Long')
        ($help.Parameters | Where-Object Name -EQ 'Id').Metadata[0].Type | Should -Be 'Int32[]'
        $help.SyntaxSets | Should -Be @('ByName', 'ById')
    }

    It 'leaves placeholders that the build rejects until a person fills them in' {
        $problems = Test-HelpDocument -Help $help -ModuleName Thing -HelpFileName 'Thing-help.xml'
        $problems | Should -Not -BeNullOrEmpty
        $problems | ForEach-Object { $_ | Should -BeLike "*placeholder '{{*" }

        (Get-Content $file.FullName -Raw) -replace '\{\{[^}]*\}\}', 'Written by a person.' | Set-Content $file.FullName
        $filled = ConvertFrom-HelpMarkdown -Path $file.FullName
        Test-HelpDocument -Help $filled -ModuleName Thing -HelpFileName 'Thing-help.xml' | Should -BeNullOrEmpty
    }
}
