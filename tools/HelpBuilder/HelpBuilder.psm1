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

# One file per stage, dot-sourced into the module scope (they share the $script: names above).
. (Join-Path $PSScriptRoot 'MarkdownBlocks.ps1')
. (Join-Path $PSScriptRoot 'CmdletDocument.ps1')
. (Join-Path $PSScriptRoot 'Maml.ps1')
. (Join-Path $PSScriptRoot 'AboutTopic.ps1')
. (Join-Path $PSScriptRoot 'NewHelpMarkdown.ps1')

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
