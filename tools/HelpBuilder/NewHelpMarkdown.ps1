# Part of HelpBuilder.psm1, dot-sourced by it: a new help file started from a loaded cmdlet.

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
