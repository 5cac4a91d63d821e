# Issue 13, unattended runs: the script of about_MusiVault_Unattended, run as a scheduler would, against the fake.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
    $script:Fake = Start-FakeSpotify -Preset Demo -Seed 11
    $script:Env = @{
        MUSIVAULT_HOME                 = $script:TestHome
        MUSIVAULT_VAULT                = $null
        MUSIVAULT_SPOTIFY_API_URL      = $script:Fake.ApiUrl
        MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
        NO_COLOR                       = '1'
    }
    $null = Invoke-FreshPwsh -Environment $script:Env -Script "Import-Module '$script:ModulePath'; Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null"

    # The script exactly as the about topic prints it, with 'Import-Module MusiVault' pointed at the built module.
    $about = Get-Content (Join-Path $PSScriptRoot '../../docs/en-US/about_MusiVault_Unattended.md') -Raw
    $code = [regex]::Match($about, '(?s)## A sync-and-backup script.*?```powershell\n(.*?)```').Groups[1].Value
    $code | Should -Match "ErrorActionPreference = 'Stop'"
    $script:Script = Join-Path $script:TestHome 'sync-and-backup.ps1'
    Set-Content -LiteralPath $script:Script -Value ($code -replace 'Import-Module MusiVault', "Import-Module '$script:ModulePath'")

    # Runs the script as a scheduler does: its own pwsh, -File, stdout and stderr apart, the exit code.
    function Invoke-Job {
        $pwsh = Get-TestPwsh
        $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script:Script, '-NoBackup')) { $psi.ArgumentList.Add($a) }
        foreach ($key in $script:Env.Keys) {
            if ($null -eq $script:Env[$key]) { $null = $psi.Environment.Remove($key) } else { $psi.Environment[$key] = $script:Env[$key] }
        }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        if (-not $p.WaitForExit(300000)) { $p.Kill($true); throw 'The job did not end within 5 minutes.' }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Stdout = $stdout; Stderr = $stderr.Result }
    }
    function Get-RunCount {
        $out = Invoke-FreshPwsh -Environment $script:Env -Script "Import-Module '$script:ModulePath'; @(Get-VaultSyncRun).Count"
        [int]($out | Select-Object -Last 1)
    }
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The unattended sync script' {
    It 'exits 0 and prints its summary when the sync succeeds' {
        $r = Invoke-Job
        $r.ExitCode | Should -Be 0 -Because $r.Stderr
        $r.Stdout | Should -Match 'Sync run \d+: succeeded'
        $r.Stderr | Should -BeNullOrEmpty
    }

    It 'exits non-zero with the error on stderr and writes nothing to the vault when the token is revoked' {
        $vault = Join-Path $script:TestHome 'vault.db'
        $runs = Get-RunCount
        $hash = (Get-FileHash -LiteralPath $vault).Hash
        Invoke-RestMethod -Method Post -Uri "$($script:Fake.ControlUrl)/faults?revokeRefreshTokens=true&expireTokens=true" | Out-Null
        $r = Invoke-Job
        $r.ExitCode | Should -Not -Be 0
        $r.Stderr | Should -Match 'sync-and-backup: .+'
        $r.Stdout | Should -Not -Match 'succeeded'
        (Get-FileHash -LiteralPath $vault).Hash | Should -Be $hash
        Get-RunCount | Should -Be $runs
    }
}
