# Issue 13, bug 2: ~ and relative paths in MUSIVAULT_HOME / MUSIVAULT_VAULT, and in -Vault, resolve the way a shell user
# means them: ~ is the home folder, and a relative path is relative to $PWD (not to the folder pwsh started in).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
    $script:Fake = Start-FakeSpotify -Preset Small -Seed 7

    # A private user home (HOME on Unix, USERPROFILE on Windows), a folder pwsh starts in, and one it moves to.
    $script:User = (New-Item -ItemType Directory -Path (Join-Path $script:TestHome 'user')).FullName
    $script:Start = (New-Item -ItemType Directory -Path (Join-Path $script:TestHome 'start')).FullName
    $script:Work = (New-Item -ItemType Directory -Path (Join-Path $script:TestHome 'work')).FullName
    $script:Env = @{
        HOME                           = $script:User
        USERPROFILE                    = $script:User
        MUSIVAULT_HOME                 = '~/x'
        MUSIVAULT_VAULT                = 'rel/v.db'
        MUSIVAULT_SPOTIFY_API_URL      = $script:Fake.ApiUrl
        MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
        MUSIVAULT_SPOTIFY_CLIENT_ID    = $null
    }
    $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath '$script:Start'
Import-Module '$script:ModulePath'
Set-Location -LiteralPath '$script:Work'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
'status=' + (Sync-SpotifyLibrary -Include Profile).Status
'info=' + (Get-VaultInfo).Path
'tilde=' + (Get-VaultInfo -Vault '~/x/../../work/rel/v.db').Path
"@
    $script:Output = $out -join "`n"
    $script:Lines = $out
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Paths from MUSIVAULT_HOME and MUSIVAULT_VAULT' {
    It 'expands ~ in MUSIVAULT_HOME to the home folder and creates no folder named ~' {
        $script:Lines | Should -Contain 'status=succeeded' -Because $script:Output
        Join-Path $script:User 'x/profiles' | Should -Exist
        foreach ($dir in $script:Start, $script:Work, $script:User) {
            Join-Path $dir '~' | Should -Not -Exist
        }
    }

    It 'resolves a relative MUSIVAULT_VAULT against $PWD after Set-Location, not the folder pwsh started in' {
        Join-Path $script:Work 'rel/v.db' | Should -Exist
        Join-Path $script:Start 'rel' | Should -Not -Exist
        $script:Lines | Should -Contain ('info=' + [IO.Path]::GetFullPath((Join-Path $script:Work 'rel/v.db')))
    }

    It 'resolves ~ and .. in -Vault as PowerShell paths' {
        $script:Lines | Should -Contain ('tilde=' + [IO.Path]::GetFullPath((Join-Path $script:Work 'rel/v.db')))
    }
}
