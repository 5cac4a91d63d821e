# The shipped manifest against its one source of truth: the version in Directory.Build.props.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:Repo = if ($env:MUSIVAULT_TEST_REPO) { $env:MUSIVAULT_TEST_REPO } else { (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }
    $script:Manifest = Import-PowerShellDataFile $script:ModulePath
    $script:Version = ([xml](Get-Content (Join-Path $script:Repo 'Directory.Build.props') -Raw)).SelectNodes('/Project/PropertyGroup/Version') | ForEach-Object InnerText |
        Where-Object { $_ } | Select-Object -First 1
}

Describe 'The module manifest' {
    It 'carries the version of Directory.Build.props, as do the assemblies' {
        $script:Version | Should -Not -BeNullOrEmpty
        $script:Manifest.ModuleVersion | Should -Be $script:Version
        $dll = Join-Path (Split-Path $script:ModulePath) 'MusiVault.dll'
        [Diagnostics.FileVersionInfo]::GetVersionInfo($dll).ProductVersion | Should -BeLike "$($script:Version)*"
    }

    It 'points its release notes to a CHANGELOG.md that ships with it and lists this version' {
        $script:Manifest.PrivateData.PSData.ReleaseNotes | Should -Match 'CHANGELOG\.md'
        $changelog = Join-Path (Split-Path $script:ModulePath) 'CHANGELOG.md'
        $changelog | Should -Exist
        Get-Content $changelog -Raw | Should -Match "(?m)^## \[?$([regex]::Escape($script:Version))\]?\b"
    }

    It 'names no web address of the project that nobody has published' {
        $script:Manifest.PrivateData.PSData.Keys | Should -Not -Contain 'ProjectUri'
        $script:Manifest.PrivateData.PSData.Keys | Should -Not -Contain 'LicenseUri'
    }
}
