# Guards the load-context isolation: the assemblies PowerShell loads into the default context must not reference
# anything of the engine's dependencies (Microsoft.Data.Sqlite, SQLitePCLRaw, Google.Apis, Newtonsoft.Json ...),
# or importing MusiVault beside another module that ships a different version of them breaks one of the two.
# References are read from metadata with System.Reflection.Metadata, which loads nothing into this process.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-Type -AssemblyName System.Reflection.Metadata
    $script:ModuleDir = Split-Path (Get-TestModulePath)

    function Get-AssemblyReferenceName([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        try {
            $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            foreach ($handle in $reader.AssemblyReferences) {
                $reader.GetString($reader.GetAssemblyReference($handle).Name)
            }
        }
        finally {
            $pe.Dispose()
            $stream.Dispose()
        }
    }

    $script:FrameworkPattern = '^(System|System\..+|netstandard|mscorlib|Microsoft\.Win32\..+)$'
}

Describe 'Assembly references of the default load context' {
    It 'MusiVault.dll references only the framework, System.Management.Automation, MusiVault.Engine and MusiVault.Models' {
        $references = @(Get-AssemblyReferenceName (Join-Path $script:ModuleDir 'MusiVault.dll'))
        # The cmdlets do use both: an empty or partial list would mean the reader, not the assembly, is wrong.
        $references | Should -Contain 'System.Management.Automation'
        $references | Should -Contain 'MusiVault.Engine'
        $unexpected = $references | Where-Object {
            $_ -notmatch $script:FrameworkPattern -and $_ -notin 'System.Management.Automation', 'MusiVault.Engine', 'MusiVault.Models'
        }
        $unexpected | Should -BeNullOrEmpty -Because 'engine dependencies must stay behind MusiVault.Engine in its own load context'
    }

    It 'MusiVault.Models.dll references only the framework' {
        $references = @(Get-AssemblyReferenceName (Join-Path $script:ModuleDir 'MusiVault.Models.dll'))
        $references | Should -Not -BeNullOrEmpty
        $references | Where-Object { $_ -notmatch $script:FrameworkPattern } | Should -BeNullOrEmpty
    }
}
