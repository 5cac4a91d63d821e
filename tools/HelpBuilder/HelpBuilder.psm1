# Turns platyPS-style markdown (docs/<culture>/*.md) into the files Get-Help reads: <Assembly>-Help.xml (MAML) for
# cmdlets and about_*.help.txt for about topics. platyPS itself is not available to this build, so this module
# implements the subset of its schema we use, and validates it strictly enough that a help gap fails the build.
# See docs/README.md for the source format.

Set-StrictMode -Version Latest

$script:MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$script:CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$script:MSHelpNs = 'http://msdn.microsoft.com/mshelp'

$script:CmdletSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:ParameterKeys = @('Type', 'Parameter Sets', 'Aliases', 'Accepted values', 'Required', 'Position', 'Default value',
    'Accept pipeline input', 'Accept wildcard characters')
$script:AllSets = '(All)'

#region Markdown blocks

# Splits markdown into front matter and a flat list of blocks: Heading, Paragraph, Code. That is all the schema needs;
# inline markup stays as written (Get-Help prints it verbatim, and backticks read fine in a console).
function Read-MarkdownBlock {
    param([Parameter(Mandatory)][string] $Text)

    $lines = $Text -replace "`r`n", "`n" -split "`n"
    $frontMatter = [ordered]@{}
    $blocks = [Collections.Generic.List[object]]::new()
    $i = 0

    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $i = 1
        while ($i -lt $lines.Count -and $lines[$i].Trim() -ne '---') {
            if ($lines[$i] -match '^\s*([^:#]+?)\s*:\s*(.*?)\s*$') { $frontMatter[$Matches[1]] = $Matches[2] }
            $i++
        }
        $i++
    }

    $paragraph = [Collections.Generic.List[string]]::new()
    $paragraphLine = 0
    $flush = {
        if ($paragraph.Count -gt 0) {
            $blocks.Add([pscustomobject]@{ Kind = 'Paragraph'; Text = ($paragraph -join ' '); Line = $paragraphLine })
            $paragraph.Clear()
        }
    }

    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^\s*(```+|~~~+)\s*([\w-]*)') {
            . $flush
            $fence = $Matches[1]; $language = $Matches[2]; $start = $i + 1
            $code = [Collections.Generic.List[string]]::new()
            for ($i++; $i -lt $lines.Count -and $lines[$i].Trim() -ne $fence; $i++) { $code.Add($lines[$i]) }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Language = $language; Text = ($code -join "`n"); Line = $start })
        }
        elseif ($line -match '^(#{1,6})\s+(.*?)\s*#*\s*$') {
            . $flush
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2]; Line = $i + 1 })
        }
        elseif ($line.Trim() -eq '') {
            . $flush
        }
        else {
            # A list item starts its own paragraph so that each item stays on its own line in the output.
            if ($line -match '^\s*([-*+]|\d+\.)\s+') { . $flush }
            if ($paragraph.Count -eq 0) { $paragraphLine = $i + 1 }
            $paragraph.Add($line.Trim())
        }
    }
    . $flush

    [pscustomobject]@{ FrontMatter = $frontMatter; Blocks = $blocks.ToArray() }
}

#endregion

#region Cmdlet documents

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

#endregion

#region MAML

function Write-Para {
    param([Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    foreach ($p in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $script:MamlNs, (ConvertTo-ConsoleText $p)) }
}

# The console shows help as plain text: `code` spans lose their backticks (the words stay; they are names a reader
# types, and quotes would read as part of the name).
function ConvertTo-ConsoleText([string] $Text) {
    $Text -replace '`([^`]+)`', '$1'
}

function Write-MamlParameter {
    param([Xml.XmlWriter] $Writer, $Parameter, $Metadata, [switch] $InSyntax)
    $type = if ($Metadata.Type -in 'switch', 'SwitchParameter') { 'SwitchParameter' } else { $Metadata.Type }
    $Writer.WriteStartElement('command', 'parameter', $script:CommandNs)
    $Writer.WriteAttributeString('required', $Metadata.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $type.EndsWith('[]').ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Metadata.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Metadata.PipelineInput)
    $Writer.WriteAttributeString('position', $Metadata.Position.ToLowerInvariant())
    $Writer.WriteAttributeString('aliases', $(if ($Metadata.Aliases.Count) { $Metadata.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $script:MamlNs, $Parameter.Name)
    $Writer.WriteStartElement('maml', 'Description', $script:MamlNs)
    Write-Para $Writer $Parameter.Description
    $Writer.WriteEndElement()
    if ($InSyntax -and $Metadata.AcceptedValues.Count) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $script:CommandNs)
        foreach ($value in $Metadata.AcceptedValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $script:CommandNs)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    # In syntax a switch shows as just [-Name]; a value element would print it as [-Name <SwitchParameter>].
    if (-not $InSyntax -or $type -ne 'SwitchParameter') {
        $Writer.WriteStartElement('command', 'parameterValue', $script:CommandNs)
        $Writer.WriteAttributeString('required', ($type -ne 'SwitchParameter').ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', $type.EndsWith('[]').ToString().ToLowerInvariant())
        $Writer.WriteString($type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:DevNs)
    $Writer.WriteElementString('maml', 'name', $script:MamlNs, $type)
    $Writer.WriteElementString('maml', 'uri', $script:MamlNs, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $script:DevNs, $Metadata.DefaultValue)
    $Writer.WriteEndElement()
}

# One syntax line per parameter set: a parameter belongs to a set when one of its yaml blocks names the set or (All).
function Get-SyntaxItem {
    param($Help)
    $setNames = [Collections.Generic.List[string]]::new()
    foreach ($name in $Help.SyntaxSets) { if (-not $setNames.Contains($name)) { $setNames.Add($name) } }
    foreach ($parameter in $Help.Parameters) {
        foreach ($meta in $parameter.Metadata) {
            foreach ($set in $meta.ParameterSets) {
                if ($set -ne $script:AllSets -and $set -ne '__AllParameterSets' -and -not $setNames.Contains($set)) { $setNames.Add($set) }
            }
        }
    }
    $setNames.Remove('__AllParameterSets') | Out-Null
    if ($setNames.Count -eq 0) { $setNames.Add($script:AllSets) }

    foreach ($set in $setNames) {
        $members = foreach ($parameter in $Help.Parameters) {
            $meta = $parameter.Metadata | Where-Object { $set -in $_.ParameterSets -or $script:AllSets -in $_.ParameterSets } | Select-Object -First 1
            if ($meta) { [pscustomobject]@{ Parameter = $parameter; Metadata = $meta } }
        }
        # Positional parameters first, by position, as PowerShell prints syntax; the rest keep the document's order.
        $positional = @($members | Where-Object { $_.Metadata.Position -match '^\d+$' } | Sort-Object { [int]$_.Metadata.Position })
        $named = @($members | Where-Object { $_.Metadata.Position -notmatch '^\d+$' })
        [pscustomobject]@{ Name = $set; Members = @($positional + $named) }
    }
}

<#
.SYNOPSIS
    Writes parsed cmdlet help documents as one MAML file (the helpItems schema platyPS's New-ExternalHelp writes).
#>
function Export-MamlHelp {
    param([Parameter(Mandatory)][object[]] $Help, [Parameter(Mandatory)][string] $Path)
    $settings = [Xml.XmlWriterSettings]@{ Indent = $true; IndentChars = '  '; Encoding = [Text.UTF8Encoding]::new($false); NewLineChars = "`n" }
    $writer = [Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($h in ($Help | Sort-Object Name)) {
            $writer.WriteStartElement('command', 'command', $script:CommandNs)
            $writer.WriteAttributeString('xmlns', 'maml', $null, $script:MamlNs)
            $writer.WriteAttributeString('xmlns', 'command', $null, $script:CommandNs)
            $writer.WriteAttributeString('xmlns', 'dev', $null, $script:DevNs)
            $writer.WriteAttributeString('xmlns', 'MSHelp', $null, $script:MSHelpNs)

            $verb, $noun = $h.Name -split '-', 2
            $writer.WriteStartElement('command', 'details', $script:CommandNs)
            $writer.WriteElementString('command', 'name', $script:CommandNs, $h.Name)
            $writer.WriteElementString('command', 'verb', $script:CommandNs, $verb)
            $writer.WriteElementString('command', 'noun', $script:CommandNs, $noun)
            $writer.WriteStartElement('maml', 'description', $script:MamlNs)
            Write-Para $writer $h.Synopsis
            $writer.WriteEndElement()
            $writer.WriteEndElement()

            $writer.WriteStartElement('maml', 'description', $script:MamlNs)
            Write-Para $writer $h.Description
            $writer.WriteEndElement()

            $writer.WriteStartElement('command', 'syntax', $script:CommandNs)
            foreach ($item in Get-SyntaxItem $h) {
                $writer.WriteStartElement('command', 'syntaxItem', $script:CommandNs)
                $writer.WriteElementString('maml', 'name', $script:MamlNs, $h.Name)
                foreach ($m in $item.Members) { Write-MamlParameter $writer $m.Parameter $m.Metadata -InSyntax }
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteStartElement('command', 'parameters', $script:CommandNs)
            foreach ($parameter in $h.Parameters) {
                if ($parameter.Metadata.Count) { Write-MamlParameter $writer $parameter $parameter.Metadata[0] }
            }
            $writer.WriteEndElement()

            foreach ($kind in @(@('inputTypes', 'inputType', $h.Inputs), @('returnValues', 'returnValue', $h.Outputs))) {
                $writer.WriteStartElement('command', $kind[0], $script:CommandNs)
                foreach ($entry in $kind[2]) {
                    $writer.WriteStartElement('command', $kind[1], $script:CommandNs)
                    $writer.WriteStartElement('dev', 'type', $script:DevNs)
                    $writer.WriteElementString('maml', 'name', $script:MamlNs, $entry.TypeName)
                    $writer.WriteEndElement()
                    $writer.WriteStartElement('maml', 'description', $script:MamlNs)
                    Write-Para $writer $entry.Description
                    $writer.WriteEndElement()
                    $writer.WriteEndElement()
                }
                $writer.WriteEndElement()
            }

            # PowerShell's REMARKS suggest Get-Help -Online as soon as RELATED LINKS has any entry, and -Online then fails
            # without a URI. Only links with a web address stay links; the names of related help topics join the notes.
            $links = @($h.Links)
            if ($h.FrontMatter['online version']) { $links = @([pscustomobject]@{ Text = 'Online Version:'; Uri = $h.FrontMatter['online version'] }) + $links }
            $webLinks = @($links | Where-Object { $_.Uri -match '^https?://' })
            $notes = @($h.Notes)
            $related = @($links | Where-Object { $_.Uri -notmatch '^https?://' } | ForEach-Object Text)
            if ($related.Count) { $notes += "Related help: $($related -join ', ')." }
            if ($notes.Count) {
                $writer.WriteStartElement('maml', 'alertSet', $script:MamlNs)
                $writer.WriteStartElement('maml', 'alert', $script:MamlNs)
                Write-Para $writer $notes
                $writer.WriteEndElement()
                $writer.WriteEndElement()
            }

            $writer.WriteStartElement('command', 'examples', $script:CommandNs)
            foreach ($example in $h.Examples) {
                $writer.WriteStartElement('command', 'example', $script:CommandNs)
                $writer.WriteElementString('maml', 'title', $script:MamlNs, "-------------------------- $($example.Title) --------------------------")
                $writer.WriteElementString('dev', 'code', $script:DevNs, ($example.Code -join "`n`n"))
                $writer.WriteStartElement('dev', 'remarks', $script:DevNs)
                Write-Para $writer $example.Remarks
                $writer.WriteEndElement()
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteStartElement('command', 'relatedLinks', $script:CommandNs)
            foreach ($link in $webLinks) {
                $writer.WriteStartElement('maml', 'navigationLink', $script:MamlNs)
                $writer.WriteElementString('maml', 'linkText', $script:MamlNs, $link.Text)
                $writer.WriteElementString('maml', 'uri', $script:MamlNs, $link.Uri)
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteEndElement() # command:command
        }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}

#endregion

#region About topics

function Add-WrappedLine {
    param([Text.StringBuilder] $Builder, [string] $Text, [string] $Indent, [string] $HangingIndent = $Indent, [int] $Width = 80)
    $line = $Indent
    $lineHasWord = $false
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if ($lineHasWord -and $line.Length + 1 + $word.Length -gt $Width) {
            $null = $Builder.AppendLine($line)
            $line = $HangingIndent
            $lineHasWord = $false
        }
        $line += $(if ($lineHasWord) { ' ' } else { '' }) + $word
        $lineHasWord = $true
    }
    $null = $Builder.AppendLine($line)
}

<#
.SYNOPSIS
    Converts an about_*.md topic to the plain-text about_*.help.txt layout (TOPIC, SHORT DESCRIPTION, LONG DESCRIPTION ...).
#>
function ConvertTo-AboutHelpText {
    param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)] $Problems)
    $file = Split-Path $Path -Leaf
    $topic = [IO.Path]::GetFileNameWithoutExtension($Path)
    $blocks = @((Read-MarkdownBlock -Text (Get-Content -LiteralPath $Path -Raw)).Blocks)
    if ($blocks.Count -eq 0 -or $blocks[0].Kind -ne 'Heading' -or $blocks[0].Level -ne 1 -or $blocks[0].Text -ne $topic) {
        $Problems.Add("${file}: must start (after the front matter) with '# $topic'")
        return
    }
    $headings = @($blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 1 } | ForEach-Object { $_.Text.ToUpperInvariant() })
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if ($required -notin $headings) { $Problems.Add("${file}: '# $required' section is missing") }
    }

    $sb = [Text.StringBuilder]::new()
    $null = $sb.AppendLine('TOPIC').AppendLine("    $topic").AppendLine()
    $rest = @($blocks | Select-Object -Skip 1)
    # platyPS's about template repeats the topic as '## about_X' under the title; TOPIC already says it.
    if ($rest.Count -and $rest[0].Kind -eq 'Heading' -and $rest[0].Level -eq 2 -and $rest[0].Text -eq $topic) { $rest = @($rest | Select-Object -Skip 1) }
    $afterListItem = $false
    foreach ($block in $rest) {
        $isListItem = $block.Kind -eq 'Paragraph' -and $block.Text -match '^([-*+]|\d+\.)\s+'
        if ($afterListItem -and -not $isListItem) { $null = $sb.AppendLine() }
        $afterListItem = $isListItem
        switch ($block.Kind) {
            'Heading' {
                $null = $sb.AppendLine()
                if ($block.Level -eq 1) { $null = $sb.AppendLine($block.Text.ToUpperInvariant()) }
                elseif ($block.Level -eq 2) { $null = $sb.AppendLine("  $($block.Text)") }
                else { $null = $sb.AppendLine("    $($block.Text.ToUpperInvariant())") }
            }
            'Paragraph' {
                if ($block.Text -match '^([-*+]|\d+\.)\s+(.*)$') {
                    $marker = if ($Matches[1] -match '\d') { $Matches[1] } else { '-' }
                    Add-WrappedLine $sb (ConvertTo-ConsoleText "$marker $($Matches[2])") '    ' (' ' * (5 + $marker.Length))
                }
                else {
                    Add-WrappedLine $sb (ConvertTo-ConsoleText $block.Text) '    '
                    $null = $sb.AppendLine()
                }
            }
            'Code' {
                foreach ($line in $block.Text -split "`n") { $null = $sb.AppendLine(("        $line").TrimEnd()) }
                $null = $sb.AppendLine()
            }
        }
    }
    # Headings always open with a blank line; collapse the doubled ones that leaves behind paragraphs.
    ($sb.ToString() -replace "`r`n", "`n" -replace "\n{3,}", "`n`n").TrimEnd() + "`n"
}

#endregion

#region Starting a new file

function Get-FriendlyTypeName([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    $Type.Name
}

<#
.SYNOPSIS
    Writes a starting docs/<culture>/<Name>.md for a loaded command: syntax and every parameter's yaml filled in from
    the command's metadata, and {{ placeholders }} (which the build rejects) for the text a person must write.
#>
function New-HelpMarkdown {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $Name,
        [Parameter(Mandatory)][string] $OutputPath,
        [string] $ModuleName = 'MusiVault',
        [switch] $Force
    )
    $command = Get-Command -Name $Name -CommandType Cmdlet, Function -ErrorAction Stop
    $path = Join-Path $OutputPath "$($command.Name).md"
    if ((Test-Path -LiteralPath $path) -and -not $Force) { throw "$path exists; use -Force to overwrite it." }
    $helpFile = if ($command.CommandType -eq 'Cmdlet') { "$([IO.Path]::GetFileName($command.DLL))-Help.xml" } else { "$ModuleName-help.xml" }
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $sets = @($command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name)
    $fence = '```'

    $sb = [Text.StringBuilder]::new()
    $add = { param($line = '') $null = $sb.AppendLine($line) }
    & $add '---'; & $add "external help file: $helpFile"; & $add "Module Name: $ModuleName"; & $add 'online version:'; & $add 'schema: 2.0.0'; & $add '---'
    & $add; & $add "# $($command.Name)"; & $add
    & $add '## SYNOPSIS'; & $add '{{ Fill in the Synopsis }}'; & $add
    & $add '## SYNTAX'; & $add
    foreach ($set in $sets) {
        & $add "### $($set.Name)$(if ($set.IsDefault -and $sets.Count -gt 1) { ' (Default)' })"
        & $add $fence; & $add "$($command.Name) $set"; & $add $fence; & $add
    }
    & $add '## DESCRIPTION'; & $add '{{ Fill in the Description }}'; & $add
    & $add '## EXAMPLES'; & $add
    & $add '### Example 1: {{ Title }}'; & $add "${fence}powershell"; & $add '{{ Add example code here }}'; & $add $fence; & $add
    & $add '{{ Add example description here }}'; & $add
    & $add '## PARAMETERS'; & $add

    $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object Name
    foreach ($parameter in $parameters) {
        & $add "### -$($parameter.Name)"
        $text = switch ($parameter.Name) {
            'WhatIf' { 'Shows what would happen if the cmdlet runs. The cmdlet is not run.' }
            'Confirm' { 'Prompts you for confirmation before running the cmdlet.' }
            default { "{{ Fill $($parameter.Name) Description }}" }
        }
        & $add $text; & $add
        $type = Get-FriendlyTypeName $parameter.ParameterType
        $validValues = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues)
        $wildcards = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        # One yaml block per distinct behaviour across parameter sets, as platyPS writes them.
        $groups = $parameter.ParameterSets.GetEnumerator() | Group-Object {
            $m = $_.Value; "$($m.IsMandatory)|$($m.Position)|$($m.ValueFromPipeline)|$($m.ValueFromPipelineByPropertyName)"
        }
        foreach ($group in $groups) {
            $m = $group.Group[0].Value
            $setNames = @($group.Group | ForEach-Object Key)
            $setText = if ('__AllParameterSets' -in $setNames -or ($setNames.Count -eq $sets.Count -and $sets.Count -gt 1)) { '(All)' } else { $setNames -join ', ' }
            $pipeline = @(if ($m.ValueFromPipeline) { 'ByValue' }; if ($m.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
            & $add "${fence}yaml"
            & $add "Type: $type"
            & $add "Parameter Sets: $setText"
            & $add "Aliases: $($parameter.Aliases -join ', ')".TrimEnd()
            if ($validValues.Count) { & $add "Accepted values: $($validValues -join ', ')" }
            & $add
            & $add "Required: $($m.IsMandatory)"
            & $add "Position: $(if ($m.Position -ge 0) { $m.Position } else { 'Named' })"
            & $add "Default value: $(if ($type -eq 'SwitchParameter') { 'False' } else { 'None' })"
            & $add "Accept pipeline input: $(if ($pipeline.Count) { "True ($($pipeline -join ', '))" } else { 'False' })"
            & $add "Accept wildcard characters: $wildcards"
            & $add $fence; & $add
        }
    }
    & $add '### CommonParameters'
    & $add ('This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, ' +
        '-InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and ' +
        '-WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).')
    & $add
    & $add '## INPUTS'; & $add
    $inputs = @($parameters | Where-Object { $_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } } |
        ForEach-Object { $_.ParameterType.FullName } | Select-Object -Unique)
    if ($inputs.Count -eq 0) { & $add '### None'; & $add 'You cannot pipe objects to this cmdlet.'; & $add }
    foreach ($input in $inputs) { & $add "### $input"; & $add '{{ Fill in what can be piped }}'; & $add }
    & $add '## OUTPUTS'; & $add
    foreach ($output in @($command.OutputType | ForEach-Object Name | Select-Object -Unique)) { & $add "### $output"; & $add '{{ Fill in the output }}'; & $add }
    & $add '## NOTES'; & $add
    & $add '## RELATED LINKS'; & $add
    & $add "[about_$ModuleName](about_$ModuleName.md)"

    $null = New-Item -ItemType Directory -Force -Path $OutputPath
    [IO.File]::WriteAllText($path, $sb.ToString(), [Text.UTF8Encoding]::new($false))
    Get-Item -LiteralPath $path
}

#endregion

<#
.SYNOPSIS
    Validates docs/<culture> against the manifest and writes <Assembly>-Help.xml and about_*.help.txt.
.DESCRIPTION
    Fails (throws) with one line per problem, naming the file and section, when an exported cmdlet has no help
    file or a help file lacks a synopsis, description, example or parameter description.
#>
function Build-ModuleHelp {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $DocsPath,
        [Parameter(Mandatory)][string] $ManifestPath,
        [Parameter(Mandatory)][string] $OutputPath
    )
    $manifest = Import-PowerShellDataFile -LiteralPath $ManifestPath
    $moduleName = [IO.Path]::GetFileNameWithoutExtension($ManifestPath)
    $helpFileName = "$($manifest.RootModule)-Help.xml"
    $exported = @($manifest.CmdletsToExport)
    $problems = [Collections.Generic.List[string]]::new()

    $files = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File | Sort-Object Name)
    $cmdletFiles = @($files | Where-Object { $_.Name -notlike 'about_*' })
    $aboutFiles = @($files | Where-Object { $_.Name -like 'about_*' })

    foreach ($name in $exported) {
        if (-not ($cmdletFiles | Where-Object BaseName -EQ $name)) { $problems.Add("$name.md: missing (every cmdlet in CmdletsToExport needs a help file in $DocsPath)") }
    }
    $helps = foreach ($f in $cmdletFiles) {
        if ($f.BaseName -notin $exported) { $problems.Add("$($f.Name): '$($f.BaseName)' is not in CmdletsToExport of $(Split-Path $ManifestPath -Leaf)"); continue }
        $h = ConvertFrom-HelpMarkdown -Path $f.FullName
        foreach ($p in (Test-HelpDocument -Help $h -ModuleName $moduleName -HelpFileName $helpFileName)) { $problems.Add($p) }
        $h
    }
    if (-not ($aboutFiles | Where-Object BaseName -EQ "about_$moduleName")) { $problems.Add("about_$moduleName.md: missing (the module's about topic)") }
    $aboutTexts = foreach ($f in $aboutFiles) {
        $text = ConvertTo-AboutHelpText -Path $f.FullName -Problems $problems
        [pscustomobject]@{ Name = "$($f.BaseName).help.txt"; Text = $text }
    }

    if ($problems.Count) {
        throw "Help in $DocsPath is incomplete ($($problems.Count) problem(s)):`n  " + ($problems -join "`n  ")
    }

    $null = New-Item -ItemType Directory -Force -Path $OutputPath
    $mamlPath = Join-Path $OutputPath $helpFileName
    Export-MamlHelp -Help @($helps) -Path $mamlPath
    foreach ($about in $aboutTexts) {
        [IO.File]::WriteAllText((Join-Path $OutputPath $about.Name), $about.Text, [Text.UTF8Encoding]::new($false))
    }
    [pscustomobject]@{ MamlPath = $mamlPath; Commands = @($helps).Count; AboutTopics = @($aboutTexts).Count }
}

Export-ModuleMember -Function New-HelpMarkdown, ConvertFrom-HelpMarkdown, Test-HelpDocument, Export-MamlHelp, ConvertTo-AboutHelpText, Build-ModuleHelp
