# Issue 13, "Restore-VaultFromDrive -Force over an existing vault keeps no copy of the file it replaces": it keeps
# <vault>.before-restore-<time>, byte for byte, and says where. Against the fake Drive in a fresh pwsh.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
    $script:Vault = Join-Path $script:TestHome 'vault.db'
    New-TestVault -Path $script:Vault
    $script:Fake = Start-FakeDrive
    $info = $script:Fake.Info
    $script:Env = @{
        MUSIVAULT_HOME             = $script:TestHome
        MUSIVAULT_VAULT            = $null
        MUSIVAULT_GOOGLE_AUTH_URL  = $info.auth
        MUSIVAULT_GOOGLE_TOKEN_URL = $info.token
        MUSIVAULT_DRIVE_API_URL    = $info.root
        MUSIVAULT_GOOGLE_CLIENT_ID = $null
        MV_TEST_REFRESH            = $info.refreshToken
    }
    $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
`$null = Connect-GoogleDrive -ClientId '$($info.clientId)' -RefreshToken `$env:MV_TEST_REFRESH
`$backup = Backup-VaultToDrive
`$vault = '$script:Vault'
# The vault the user has now differs from the backup (here: damaged, a common reason to restore).
[IO.File]::AppendAllText(`$vault, 'not part of a database')
`$r = [ordered]@{ BeforeSha = (Get-FileHash `$vault -Algorithm SHA256).Hash }
try { `$null = Restore-VaultFromDrive -Id `$backup.Id -Destination `$vault; `$r.WithoutForce = 'none' }
catch { `$r.WithoutForce = `$_.FullyQualifiedErrorId }
`$r.CopiesWithoutForce = @(Get-ChildItem "`$vault.before-restore-*").Count
`$restored = Restore-VaultFromDrive -Id `$backup.Id -Destination `$vault -Force -WarningVariable warnings -WarningAction SilentlyContinue
`$r.Copy = `$restored.PreviousVaultCopy
`$r.CopyExists = Test-Path -LiteralPath `$restored.PreviousVaultCopy
`$r.CopySha = (Get-FileHash -LiteralPath `$restored.PreviousVaultCopy -Algorithm SHA256).Hash
`$r.AfterSha = (Get-FileHash `$vault -Algorithm SHA256).Hash
`$r.RestoredSha = `$restored.Sha256
`$r.Warnings = @(`$warnings | ForEach-Object Message)
`$r.View = (`$restored | Out-String -Width 250)
`$r.Valid = (Test-VaultIntegrity -Vault `$vault).IsValid
`$r | ConvertTo-Json -Compress
"@
    if ($LASTEXITCODE -ne 0) { throw "The scenario failed: $($out -join "`n")" }
    $json = @($out | Where-Object { $_ -is [string] -and $_.StartsWith('{"BeforeSha"') })
    if ($json.Count -ne 1) { throw "The scenario printed no result: $($out -join "`n")" }
    $script:R = $json[0] | ConvertFrom-Json
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Restore-VaultFromDrive over an existing vault' {
    It 'refuses without -Force and keeps no copy then' {
        $script:R.WithoutForce | Should -Not -Be 'none'
        $script:R.CopiesWithoutForce | Should -Be 0
    }

    It 'with -Force keeps the replaced file byte for byte as vault.db.before-restore-(UTC time)' {
        $script:R.Copy | Should -BeLike "$script:Vault.before-restore-*"
        (Split-Path $script:R.Copy -Leaf) | Should -Match '^vault\.db\.before-restore-\d{8}T\d{6}Z$'
        $script:R.CopyExists | Should -BeTrue
        $script:R.CopySha | Should -Be $script:R.BeforeSha
        $script:R.AfterSha | Should -Not -Be $script:R.BeforeSha
        $script:R.Valid | Should -BeTrue
    }

    It 'says where the copy is, in a warning and in the result''s view' {
        $script:R.Warnings | Should -HaveCount 1
        $script:R.Warnings[0] | Should -BeLike "*$($script:R.Copy)*"
        $script:R.View | Should -Match "KeptCopy\s+: $([regex]::Escape($script:R.Copy))"
    }
}
