# Part of HelpBuilder.psm1, dot-sourced by it: help documents written as MAML (<Assembly>-Help.xml).

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
