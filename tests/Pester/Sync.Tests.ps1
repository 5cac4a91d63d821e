BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:TestHome = New-TestHome
    $script:Fake = Start-FakeSpotify -Preset Demo -Seed 3 -LatencyMs 40
    $script:Env = @{
        MUSIVAULT_HOME                 = $script:TestHome
        MUSIVAULT_VAULT                = $null
        MUSIVAULT_SPOTIFY_API_URL      = $script:Fake.ApiUrl
        MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Fake.AccountsUrl
    }
    $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
Connect-Spotify -ClientId '$($script:Fake.ClientId)' -RefreshToken '$($script:Fake.RefreshToken)' | Out-Null
'connected'
"@
    if ($out -notcontains 'connected') { throw "Connect-Spotify failed: $($out -join "`n")" }

    function Start-SyncProcess([string] $Vault) {
        $pwsh = Get-TestPwsh
        # 'started' once the module is loaded, so that the kill lands in the sync and not in pwsh's start-up.
        # -Full: every run reads everything (about 2 s here), so a kill lands mid-sync even after an earlier run finished.
        $script = "Import-Module '$script:ModulePath'; 'started'; Sync-SpotifyLibrary -Vault '$Vault' -Full | Out-Null"
        $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)) { $psi.ArgumentList.Add($a) }
        foreach ($key in $script:Env.Keys) {
            if ($null -eq $script:Env[$key]) { $null = $psi.Environment.Remove($key) } else { $psi.Environment[$key] = $script:Env[$key] }
        }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        return [System.Diagnostics.Process]::Start($psi)
    }
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Sync-SpotifyLibrary' {
    It 'syncs into a new vault, returns one SyncResult and prints a per-route request summary with -Verbose' {
        $vault = Join-Path $script:TestHome 'first.db'
        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
`$r = Sync-SpotifyLibrary -Vault '$vault' -Verbose 4>&1
`$results = @(`$r | Where-Object { `$_ -is [MusiVault.SyncResult] })
`$verbose = @(`$r | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
"count=`$(`$results.Count)"
"status=`$(`$results[0].Status)"
"collections=`$(`$results[0].Collections.Count)"
"routes=`$(@(`$verbose | Where-Object { `$_ -match 'GET /(v1/)?me/tracks' }).Count)"
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Contain 'count=1'
        $out | Should -Contain 'status=succeeded'
        $out | Should -Contain 'collections=10'
        $out | Should -Contain 'routes=1'
    }

    It '-WhatIf reads nothing and creates no vault' {
        $vault = Join-Path $script:TestHome 'whatif.db'
        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
Import-Module '$script:ModulePath'
Sync-SpotifyLibrary -Vault '$vault' -WhatIf
"exists=`$(Test-Path '$vault')"
"@
        $out | Should -Contain 'exists=False'
    }

    It 'fails with VaultLocked while another sync holds the vault' {
        $vault = Join-Path $script:TestHome 'locked.db'
        Invoke-FreshPwsh -Environment $script:Env -Script "Import-Module '$script:ModulePath'; Sync-SpotifyLibrary -Vault '$vault' -Include Profile | Out-Null" | Out-Null
        # Hold the lock the way a running sync does, from another process.
        $holder = Start-FreshPwsh -Script "`$s = [IO.File]::Open('$vault.sync-lock', 'OpenOrCreate', 'ReadWrite', 'None'); 'locked'; `$null = [Console]::In.ReadLine()"
        try {
            Wait-ProcessLine $holder 'locked'
            $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
Import-Module '$script:ModulePath'
try { Sync-SpotifyLibrary -Vault '$vault' -ErrorAction Stop; 'no error' }
catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category }
"@
            $out[0] | Should -Be 'VaultLocked,MusiVault.Commands.SyncSpotifyLibraryCommand'
            $out[1] | Should -Be 'ResourceBusy'
        }
        finally { Stop-FreshPwsh $holder }
    }

    It 'killed at random points 10 times leaves a sound vault, and the next sync converges to the uninterrupted result' {
        $reference = Join-Path $script:TestHome 'reference.db'
        $killed = Join-Path $script:TestHome 'killed.db'
        Invoke-FreshPwsh -Environment $script:Env -Script "Import-Module '$script:ModulePath'; Sync-SpotifyLibrary -Vault '$reference' | Out-Null" | Out-Null

        $random = [Random]::new(20261124)
        $kills = 0
        for ($i = 0; $i -lt 10; $i++) {
            $process = Start-SyncProcess $killed
            Wait-ProcessLine $process 'started'
            if (-not $process.WaitForExit($random.Next(150, 1500))) {
                $process.Kill($true)
                $process.WaitForExit()
                $kills++
            }
            $check = Invoke-FreshPwsh -Environment $script:Env -Script "Import-Module '$script:ModulePath'; if (Test-Path '$killed') { (Test-VaultIntegrity -Vault '$killed').IsValid } else { 'True' }"
            $check | Should -Be 'True' -Because "integrity after kill $i"
        }
        Write-Host "    killed $kills of 10 sync processes mid-sync"
        $kills | Should -BeGreaterOrEqual 5 -Because 'most runs must have been killed mid-sync'

        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
(Sync-SpotifyLibrary -Vault '$killed').Status
(Test-VaultIntegrity -Vault '$killed').Fingerprint
(Test-VaultIntegrity -Vault '$reference').Fingerprint
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[0] | Should -Be 'succeeded'
        $out[1] | Should -Be $out[2]
    }
}
