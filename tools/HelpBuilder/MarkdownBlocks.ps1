# Part of HelpBuilder.psm1, dot-sourced by it: markdown source split into blocks.

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
