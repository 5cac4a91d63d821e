# Part of HelpBuilder.psm1, dot-sourced by it: a cmdlet's help document read from markdown, and its validation.

function New-HelpProblemList { , [Collections.Generic.List[string]]::new() }

function ConvertFrom-YamlKeyValue {
    param([string] $Text, [string] $Where, $Problems)
    $pairs = [ordered]@{}
    foreach ($line in $Text -split "`n") {
        if ($line.Trim() -eq '') { continue }
        if ($line -notmatch '^\s*([^:]+?)\s*:\s*(.*?)\s*$') {
            $Problems.Add("${Where}: yaml line '$line' is not 'Key: value'")
            continue
        }
        $key = $script:ParameterKeys | Where-Object { $_ -eq $Matches[1] } | Select-Object -First 1
        if (-not $key) {
            $Problems.Add("${Where}: unknown yaml key '$($Matches[1])' (expected one of: $($script:ParameterKeys -join ', '))")
            continue
        }
        $pairs[$key] = $Matches[2]
    }
    $pairs
}

function ConvertTo-ParameterMetadata {
    param($Pairs)
    $sets = @(($Pairs['Parameter Sets'] ?? '') -split ',' | ForEach-Object Trim | Where-Object { $_ })
    if ($sets.Count -eq 0) { $sets = @($script:AllSets) }
    $aliases = @(($Pairs['Aliases'] ?? '') -split ',' | ForEach-Object Trim | Where-Object { $_ })
    $accepted = @(($Pairs['Accepted values'] ?? '') -split ',' | ForEach-Object Trim | Where-Object { $_ })
    [pscustomobject]@{
        Type           = $Pairs['Type']
        ParameterSets  = $sets
        Aliases        = $aliases
        AcceptedValues = $accepted
        Required       = ($Pairs['Required'] ?? '') -eq 'True'
        Position       = if ($Pairs['Position']) { $Pairs['Position'] } else { 'Named' }
        DefaultValue   = if ($Pairs['Default value']) { $Pairs['Default value'] } else { 'None' }
        PipelineInput  = if ($Pairs['Accept pipeline input']) { $Pairs['Accept pipeline input'] } else { 'False' }
        Globbing       = ($Pairs['Accept wildcard characters'] ?? '') -eq 'True'
    }
}

<#
.SYNOPSIS
    Parses one platyPS-style cmdlet help file into an object; schema problems go to its Problems list.
#>
function ConvertFrom-HelpMarkdown {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)][Alias('FullName')][string] $Path)
    process {
        $file = Split-Path $Path -Leaf
        $problems = New-HelpProblemList
        $doc = Read-MarkdownBlock -Text (Get-Content -LiteralPath $Path -Raw)
        $help = [pscustomobject]@{
            Path                     = $Path
            Name                     = [IO.Path]::GetFileNameWithoutExtension($Path)
            FrontMatter              = $doc.FrontMatter
            Synopsis                 = [Collections.Generic.List[string]]::new()
            Description              = [Collections.Generic.List[string]]::new()
            SyntaxSets               = [Collections.Generic.List[string]]::new()
            Examples                 = [Collections.Generic.List[object]]::new()
            Parameters               = [Collections.Generic.List[object]]::new()
            SupportsCommonParameters = $false
            Inputs                   = [Collections.Generic.List[object]]::new()
            Outputs                  = [Collections.Generic.List[object]]::new()
            Notes                    = [Collections.Generic.List[string]]::new()
            Links                    = [Collections.Generic.List[object]]::new()
            SectionsSeen             = [Collections.Generic.List[string]]::new()
            Problems                 = $problems
        }

        $blocks = $doc.Blocks
        if ($blocks.Count -eq 0 -or $blocks[0].Kind -ne 'Heading' -or $blocks[0].Level -ne 1) {
            $problems.Add("${file}: must start (after the front matter) with '# $($help.Name)'")
        }
        elseif ($blocks[0].Text -ne $help.Name) {
            $problems.Add("${file}: line $($blocks[0].Line): title '# $($blocks[0].Text)' does not match the file name '$($help.Name)'")
        }

        $section = $null
        $current = $null # the example, parameter or input/output entry that paragraphs and code belong to
        foreach ($block in ($blocks | Select-Object -Skip 1)) {
            $where = "${file}: ## $section"
            if ($block.Kind -eq 'Heading' -and $block.Level -le 2) {
                $section = $block.Text.Trim().ToUpperInvariant()
                $current = $null
                if ($block.Level -eq 1 -or $section -notin $script:CmdletSections) {
                    $problems.Add("${file}: line $($block.Line): unexpected heading '$('#' * $block.Level) $($block.Text)' (sections are: ## $($script:CmdletSections -join ', ## '))")
                    $section = 'UNKNOWN'
                }
                elseif ($help.SectionsSeen.Contains($section)) {
                    $problems.Add("${file}: line $($block.Line): section '## $section' appears twice")
                }
                $help.SectionsSeen.Add($section)
                continue
            }
            if ($null -eq $section) {
                $problems.Add("${file}: line $($block.Line): text before the first ## section")
                continue
            }
            if ($block.Kind -eq 'Heading' -and $block.Level -ne 3 -and $section -ne 'UNKNOWN') {
                $problems.Add("${where}: line $($block.Line): only ### headings belong inside a section")
                continue
            }

            switch ($section) {
                { $_ -in 'SYNOPSIS', 'DESCRIPTION', 'NOTES' } {
                    $property = (Get-Culture).TextInfo.ToTitleCase($section.ToLowerInvariant())
                    if ($block.Kind -eq 'Heading') { $problems.Add("${where}: line $($block.Line): no ### headings allowed here") }
                    else { $help.$property.Add($block.Text) }
                }
                'SYNTAX' {
                    # Like platyPS, syntax is derived from the PARAMETERS metadata; the headings only name the sets.
                    if ($block.Kind -eq 'Heading') { $help.SyntaxSets.Add(($block.Text -replace '\s*\(Default\)\s*$', '')) }
                }
                'EXAMPLES' {
                    if ($block.Kind -eq 'Heading') {
                        $current = [pscustomobject]@{ Title = $block.Text; Code = [Collections.Generic.List[string]]::new(); Remarks = [Collections.Generic.List[string]]::new(); Line = $block.Line }
                        $help.Examples.Add($current)
                    }
                    elseif ($null -eq $current) { $problems.Add("${where}: line $($block.Line): text before the first '### Example 1: ...'") }
                    # Text before the code joins the remarks (MAML's introduction is only meant for a prompt string).
                    elseif ($block.Kind -eq 'Code' -and $current.Code.Count -eq 0) { $current.Code.Add($block.Text) }
                    elseif ($block.Kind -eq 'Code' -and $current.Remarks.Count -eq 0) { $current.Code.Add($block.Text) }
                    else { $current.Remarks.Add($block.Text) }
                }
                'PARAMETERS' {
                    if ($block.Kind -eq 'Heading') {
                        $current = $null
                        if ($block.Text -eq 'CommonParameters') { $help.SupportsCommonParameters = $true }
                        elseif ($block.Text -match '^-(\w+)$') {
                            $current = [pscustomobject]@{ Name = $Matches[1]; Description = [Collections.Generic.List[string]]::new(); Metadata = [Collections.Generic.List[object]]::new(); Line = $block.Line }
                            $help.Parameters.Add($current)
                        }
                        else { $problems.Add("${where}: line $($block.Line): parameter heading must be '### -Name' or '### CommonParameters', not '### $($block.Text)'") }
                    }
                    elseif ($null -eq $current) {
                        if ($help.SupportsCommonParameters -and $block.Kind -eq 'Paragraph') { continue } # the CommonParameters boilerplate
                        $problems.Add("${where}: line $($block.Line): text outside a '### -Name' parameter")
                    }
                    elseif ($block.Kind -eq 'Code') {
                        if ($block.Language -ne 'yaml') { $problems.Add("${where} -$($current.Name): line $($block.Line): parameter metadata must be a ```yaml block") }
                        else {
                            $pairs = ConvertFrom-YamlKeyValue -Text $block.Text -Where "${where} -$($current.Name)" -Problems $problems
                            $current.Metadata.Add((ConvertTo-ParameterMetadata $pairs))
                        }
                    }
                    else { $current.Description.Add($block.Text) }
                }
                { $_ -in 'INPUTS', 'OUTPUTS' } {
                    if ($block.Kind -eq 'Heading') {
                        $current = [pscustomobject]@{ TypeName = $block.Text; Description = [Collections.Generic.List[string]]::new() }
                        if ($section -eq 'INPUTS') { $help.Inputs.Add($current) } else { $help.Outputs.Add($current) }
                    }
                    elseif ($null -eq $current) { $problems.Add("${where}: line $($block.Line): name the type in a '### TypeName' heading first") }
                    else { $current.Description.Add($block.Text) }
                }
                'RELATED LINKS' {
                    if ($block.Kind -ne 'Paragraph') { $problems.Add("${where}: line $($block.Line): only [text](uri) links belong here"); continue }
                    $rest = $block.Text
                    foreach ($m in [regex]::Matches($block.Text, '\[([^\]]+)\]\(([^)\s]*)\)')) {
                        $help.Links.Add([pscustomobject]@{ Text = $m.Groups[1].Value; Uri = $m.Groups[2].Value })
                        $rest = $rest.Replace($m.Value, '')
                    }
                    if ($rest -match '[^\s*-]') { $problems.Add("${where}: line $($block.Line): '$($block.Text)' is not a [text](uri) link") }
                }
            }
        }
        $help
    }
}

<#
.SYNOPSIS
    The problems that keep a parsed help document from producing complete help, each naming the file and section.
#>
function Test-HelpDocument {
    param([Parameter(Mandatory)] $Help, [string] $ModuleName, [string] $HelpFileName)
    $file = Split-Path $Help.Path -Leaf
    $problems = [Collections.Generic.List[string]]::new()
    foreach ($p in $Help.Problems) { $problems.Add($p) }

    if ($HelpFileName -and $Help.FrontMatter['external help file'] -ne $HelpFileName) {
        $problems.Add("${file}: front matter: 'external help file: $HelpFileName' is missing")
    }
    if ($ModuleName -and $Help.FrontMatter['Module Name'] -ne $ModuleName) {
        $problems.Add("${file}: front matter: 'Module Name: $ModuleName' is missing")
    }
    foreach ($required in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS') {
        if (-not $Help.SectionsSeen.Contains($required)) { $problems.Add("${file}: ## ${required}: section is missing") }
    }
    if (-not ($Help.Synopsis -join '').Trim()) { $problems.Add("${file}: ## SYNOPSIS: is empty") }
    if (-not ($Help.Description -join '').Trim()) { $problems.Add("${file}: ## DESCRIPTION: is empty") }
    if ($Help.Examples.Count -eq 0) { $problems.Add("${file}: ## EXAMPLES: needs at least one '### Example 1: ...' with a ```powershell block") }
    foreach ($example in $Help.Examples) {
        if ($example.Code.Count -eq 0) { $problems.Add("${file}: ## EXAMPLES: '### $($example.Title)' has no code block") }
        if ($example.Remarks.Count -eq 0) { $problems.Add("${file}: ## EXAMPLES: '### $($example.Title)' has no text explaining it") }
    }
    if (-not $Help.SupportsCommonParameters) { $problems.Add("${file}: ## PARAMETERS: '### CommonParameters' is missing") }
    foreach ($parameter in $Help.Parameters) {
        if (-not ($parameter.Description -join '').Trim()) { $problems.Add("${file}: ## PARAMETERS: -$($parameter.Name) has no description") }
        if ($parameter.Metadata.Count -eq 0) { $problems.Add("${file}: ## PARAMETERS: -$($parameter.Name) has no ```yaml block") }
        foreach ($meta in $parameter.Metadata) {
            if (-not $meta.Type) { $problems.Add("${file}: ## PARAMETERS: -$($parameter.Name) has no 'Type:' in its yaml") }
        }
    }
    $duplicates = $Help.Parameters | Group-Object Name | Where-Object Count -GT 1
    foreach ($d in $duplicates) { $problems.Add("${file}: ## PARAMETERS: -$($d.Name) is documented twice") }

    # platyPS stubs say '{{ Fill ... }}'; a stub left in place is help nobody wrote.
    $text = Get-Content -LiteralPath $Help.Path -Raw
    foreach ($m in [regex]::Matches($text, '\{\{[^}]*\}\}')) { $problems.Add("${file}: placeholder '$($m.Value)' left in the text") }
    , $problems
}
