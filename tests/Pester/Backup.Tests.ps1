# Backup-VaultToDrive, Get-VaultBackup, Restore-VaultFromDrive and Connect-GoogleDrive in a fresh pwsh against the
# fake Drive (tests/MusiVault.FakeDrive) running as its own process on 127.0.0.1.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
    New-TestVault -Path (Join-Path $script:TestHome 'vault.db') # the empty vault backed up below

    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:Fake = Start-FakeDrive
    $script:FakeInfo = $script:Fake.Info

    $script:Env = @{
        MUSIVAULT_HOME              = $script:TestHome
        MUSIVAULT_VAULT             = $null
        MUSIVAULT_GOOGLE_AUTH_URL   = $script:FakeInfo.auth
        MUSIVAULT_GOOGLE_TOKEN_URL  = $script:FakeInfo.token
        MUSIVAULT_DRIVE_API_URL     = $script:FakeInfo.root
        MUSIVAULT_GOOGLE_CLIENT_ID  = $null
        MV_TEST_REFRESH             = $script:FakeInfo.refreshToken
    }

    # One fresh pwsh runs the whole scenario (pwsh start-up dominates the cost); the Its check what it recorded.
    $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
`$r = [ordered]@{}
`$pass = ConvertTo-SecureString 'correct horse battery staple' -AsPlainText -Force
`$wrong = ConvertTo-SecureString 'not it' -AsPlainText -Force

`$c = Connect-GoogleDrive -ClientId '$($script:FakeInfo.clientId)' -RefreshToken `$env:MV_TEST_REFRESH
`$r.ConnectType = `$c.GetType().FullName
`$r.ConnectText = (`$c | Format-List * | Out-String) + (Get-Content -Raw (Join-Path `$env:MUSIVAULT_HOME 'profiles/default/google.json'))
`$r.ConnectHasToken = (`$r.ConnectText -like '*1//*')

`$null = Backup-VaultToDrive -WhatIf
`$r.AfterWhatIf = @(Get-VaultBackup).Count

`$all = Backup-VaultToDrive -Verbose 4>&1
`$plain = `$all | Where-Object { `$_ -is [MusiVault.VaultBackup] }
`$r.BackupType = `$plain.GetType().FullName
`$r.Verbose = @(`$all | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
`$r.Plain = `$plain | Select-Object Id, Name, Encrypted, Sha256, VaultId, Counts, SizeBytes
`$r.Csv = (`$plain | ConvertTo-Csv | Select-Object -Skip 1) -join ''

`$enc = Backup-VaultToDrive -Passphrase `$pass
`$r.Enc = `$enc | Select-Object Id, Name, Encrypted, Sha256
`$r.ListIds = @(Get-VaultBackup | ForEach-Object Id)

`$dest = Join-Path `$env:MUSIVAULT_HOME 'restored/plain.db'
`$restored = Restore-VaultFromDrive -Id `$plain.Id -Destination `$dest
`$r.Restored = `$restored | Select-Object Path, Sha256, VaultId, Counts
`$r.RestoredType = `$restored.GetType().FullName

`$encDest = Join-Path `$env:MUSIVAULT_HOME 'restored/enc.db'
`$r.EncRestored = (Get-VaultBackup | Select-Object -First 1 | Restore-VaultFromDrive -Destination `$encDest -Passphrase `$pass).Sha256

try { Restore-VaultFromDrive -Latest -Destination (Join-Path `$env:MUSIVAULT_HOME 'restored/wrong.db') -Passphrase `$wrong; `$r.WrongError = 'none' }
catch { `$r.WrongError = `$_.FullyQualifiedErrorId }
`$r.WrongLeft = Test-Path (Join-Path `$env:MUSIVAULT_HOME 'restored/wrong.db')

try { Restore-VaultFromDrive -Id `$plain.Id -Destination `$dest; `$r.ExistsError = 'none' }
catch { `$r.ExistsError = `$_.FullyQualifiedErrorId }
`$r.ForceSha = (Restore-VaultFromDrive -Id `$plain.Id -Destination `$dest -Force).Sha256

`$kept = Backup-VaultToDrive -Keep 1
`$r.KeptId = `$kept.Id
`$r.AfterKeep = @(Get-VaultBackup | ForEach-Object Id)
`$r | ConvertTo-Json -Compress -Depth 5
"@
    $script:ExitCode = $LASTEXITCODE
    $script:Output = $out -join "`n"
    $script:R = $out[-1] | ConvertFrom-Json
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Drive backups through the module' {
    It 'ran the scenario without an unexpected error' {
        $script:ExitCode | Should -Be 0 -Because $script:Output
    }

    It 'Connect-GoogleDrive imports a refresh token and never shows it' {
        $script:R.ConnectType | Should -Be 'MusiVault.GoogleDriveConnection'
        $script:R.ConnectHasToken | Should -BeFalse
    }

    It 'Backup-VaultToDrive -WhatIf uploads nothing' {
        $script:R.AfterWhatIf | Should -Be 0
    }

    It 'Backup-VaultToDrive returns a flat VaultBackup that exports to CSV' {
        $script:R.BackupType | Should -Be 'MusiVault.VaultBackup'
        $script:R.Plain.Encrypted | Should -BeFalse
        $script:R.Plain.Sha256 | Should -Match '^[0-9a-f]{64}$'
        $script:R.Plain.Counts | Should -Match '(^|;)vault_meta=2(;|$)'
        $script:R.Csv | Should -Match $script:R.Plain.Id
    }

    It 'reports bytes and rate in the verbose stream' {
        ($script:R.Verbose -join "`n") | Should -Match 'Uploaded [\d,]+ bytes in [\d.]+ s \([\d.]+ MiB/s\)'
    }

    It 'Get-VaultBackup lists verified backups newest first' {
        $script:R.ListIds | Should -Be @($script:R.Enc.Id, $script:R.Plain.Id)
        $script:R.Enc.Encrypted | Should -BeTrue
        $script:R.Enc.Name | Should -BeLike '*.mvbk'
    }

    It 'Restore-VaultFromDrive round-trips plain and encrypted backups' {
        $script:R.RestoredType | Should -Be 'MusiVault.VaultRestoreResult'
        $script:R.Restored.Sha256 | Should -Be $script:R.Plain.Sha256
        $script:R.Restored.VaultId | Should -Be $script:R.Plain.VaultId
        $script:R.Restored.Counts | Should -Be $script:R.Plain.Counts
        $script:R.EncRestored | Should -Be $script:R.Enc.Sha256
    }

    It 'a wrong passphrase is a clear error and leaves nothing behind' {
        $script:R.WrongError | Should -BeLike 'BackupPassphraseWrong,*'
        $script:R.WrongLeft | Should -BeFalse
    }

    It 'refuses to overwrite without -Force and overwrites with it' {
        $script:R.ExistsError | Should -BeLike 'RestoreDestinationExists,*'
        $script:R.ForceSha | Should -Be $script:R.Plain.Sha256
    }

    It '-Keep 1 keeps exactly the new backup' {
        $script:R.AfterKeep | Should -Be @($script:R.KeptId)
    }
}

Describe 'Connect-GoogleDrive -NoBrowser' {
    It 'prints the consent address and completes when the browser comes back to the loopback listener' {
        $pwsh = Get-TestPwsh
        $psi = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($arg in @($pwsh | Select-Object -Skip 1)) { $psi.ArgumentList.Add($arg) }
        $script = "Import-Module '$script:ModulePath'; `$c = Connect-GoogleDrive -NoBrowser -Profile browser -ClientId '$($script:FakeInfo.clientId)'; 'CONNECTED ' + `$c.Profile + ' ' + `$c.Scope"
        foreach ($arg in '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))) {
            $psi.ArgumentList.Add($arg)
        }
        foreach ($key in $script:Env.Keys) { $psi.Environment[$key] = $script:Env[$key] }
        $psi.RedirectStandardOutput = $true
        $psi.UseShellExecute = $false
        $child = [Diagnostics.Process]::Start($psi)
        try {
            $lines = [Collections.Generic.List[string]]::new()
            $url = $null
            while ($null -eq $url) {
                $read = $child.StandardOutput.ReadLineAsync()
                if (-not $read.Wait(60000) -or $null -eq $read.Result) { break }
                $lines.Add($read.Result)
                if ($read.Result -match '^(http://\S+/o/oauth2/v2/auth\?\S+)$') { $url = $Matches[1] }
            }
            $url | Should -Not -BeNullOrEmpty -Because ($lines -join "`n")
            $url | Should -Match 'code_challenge_method=S256'
            $url | Should -Match 'redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+'
            # The "browser": the fake consents and redirects to the loopback address the cmdlet listens on.
            $page = Invoke-WebRequest -Uri $url -UseBasicParsing
            $page.Content | Should -Match 'connected'
            $rest = $child.StandardOutput.ReadToEnd()
            $child.WaitForExit(60000) | Should -BeTrue
            $rest | Should -Match 'CONNECTED browser https://www.googleapis.com/auth/drive.file'
            $rest | Should -Not -Match '1//'
        }
        finally {
            if (-not $child.HasExited) { $child.Kill() }
            $child.Dispose()
        }
    }
}
