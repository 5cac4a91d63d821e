# Part of HelpBuilder.psm1, dot-sourced by it: about_*.md written as about_*.help.txt.

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
