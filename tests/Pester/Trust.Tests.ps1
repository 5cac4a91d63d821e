# Issue 12 in real pwsh against the built module: the vault lock (symlinks, restore against sync), work folders a
# killed backup leaves, read-only vaults and folders, a full disk. Mounts need root (CI runs as root): when mount is
# refused the test FAILS saying so, it never skips.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
    $script:Spotify = Start-FakeSpotify -Preset Demo -Seed 5
    $script:Drive = Start-FakeDrive
    $script:Env = @{
        MUSIVAULT_HOME                 = $script:TestHome
        MUSIVAULT_VAULT                = $null
        MUSIVAULT_SPOTIFY_API_URL      = $script:Spotify.ApiUrl
        MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Spotify.AccountsUrl
        MUSIVAULT_GOOGLE_AUTH_URL      = $script:Drive.Info.auth
        MUSIVAULT_GOOGLE_TOKEN_URL     = $script:Drive.Info.token
        MUSIVAULT_DRIVE_API_URL        = $script:Drive.Info.root
        MUSIVAULT_GOOGLE_CLIENT_ID     = $null
        MV_TEST_REFRESH                = $script:Drive.Info.refreshToken
    }
    $script:Vault = Join-Path $script:TestHome 'vault.db'
    $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
Connect-Spotify -ClientId '$($script:Spotify.ClientId)' -RefreshToken '$($script:Spotify.RefreshToken)' | Out-Null
Connect-GoogleDrive -ClientId '$($script:Drive.Info.clientId)' -RefreshToken `$env:MV_TEST_REFRESH | Out-Null
(Sync-SpotifyLibrary -Vault '$script:Vault').Status
Backup-VaultToDrive -Vault '$script:Vault' | Out-Null
'ready'
"@
    if ($out -notcontains 'ready') { throw "Setup failed: $($out -join "`n")" }

    # Runs one command in a fresh pwsh and returns 'id=<ErrorId>;category=<Category>' of its error, or 'ok'.
    function Invoke-Outcome([string] $Command, [hashtable] $Environment = $script:Env) {
        $out = Invoke-FreshPwsh -Environment $Environment -Script @"
Import-Module '$script:ModulePath'
try { `$null = $Command -ErrorAction Stop; 'ok' }
catch { "id=`$(`$_.FullyQualifiedErrorId.Split(',')[0]);category=`$(`$_.CategoryInfo.Category)" }
"@
        return @($out | Where-Object { $_ -match '^(ok|id=)' })[-1]
    }

    # The test-only vault tool (tests/MusiVault.TestSeed), built by build.ps1 Test; here when missing.
    function Invoke-TestSeed([string] $Command, [string] $Path) {
        $fixtures = if ($env:MUSIVAULT_TEST_FIXTURES) { $env:MUSIVAULT_TEST_FIXTURES } else { Join-Path $PSScriptRoot '../../out/test-fixtures' }
        $dll = Join-Path $fixtures 'MusiVault.TestSeed/MusiVault.TestSeed.dll'
        if (-not (Test-Path $dll)) {
            $null = & dotnet build (Join-Path $PSScriptRoot '../MusiVault.TestSeed/MusiVault.TestSeed.csproj') -c Release -o (Split-Path $dll) --nologo -v quiet 2>&1
        }
        $output = & dotnet $dll $Command $Path 2>&1
        if ($LASTEXITCODE -ne 0) { throw "MusiVault.TestSeed $Command failed: $($output -join "`n")" }
        return $output
    }

    # Fills the file system holding $Folder, leaving $LeaveBytes free (0: full).
    function Set-FreeSpace([string] $Folder, [long] $LeaveBytes) {
        $filler = Join-Path $Folder 'filler'
        & dd if=/dev/zero of=$filler bs=64k 2>$null
        if ($LeaveBytes -gt 0) { & truncate -s "-$LeaveBytes" $filler }
    }

    function Invoke-Mount([string[]] $Arguments) {
        $output = & mount @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) {
            throw "mount $($Arguments -join ' ') failed ($output). These tests need root (CI runs as root); they are not skipped."
        }
    }
}

AfterAll {
    Stop-Fake $script:Spotify
    Stop-Fake $script:Drive
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The vault lock' {
    It 'a sync through a symlink meets the lock of the real vault' {
        $link = Join-Path $script:TestHome 'link.db'
        New-Item -ItemType SymbolicLink -Path $link -Target $script:Vault | Out-Null
        $held = [IO.File]::Open("$script:Vault.sync-lock", 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            Invoke-Outcome "Sync-SpotifyLibrary -Vault '$link'" | Should -Be 'id=VaultLocked;category=ResourceBusy'
        }
        finally { $held.Dispose() }
        Invoke-Outcome "Sync-SpotifyLibrary -Vault '$link'" | Should -Be 'ok'
    }

    It 'Restore-VaultFromDrive -Force waits for no sync: it fails with VaultLocked while one holds the vault' {
        $held = [IO.File]::Open("$script:Vault.sync-lock", 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            Invoke-Outcome "Restore-VaultFromDrive -Latest -Destination '$script:Vault' -Force -Confirm:`$false" | Should -Be 'id=VaultLocked;category=ResourceBusy'
        }
        finally { $held.Dispose() }
        Invoke-Outcome "Restore-VaultFromDrive -Latest -Destination '$script:Vault' -Force -Confirm:`$false" | Should -Be 'ok'
    }
}

Describe 'Work folders of a killed backup' {
    It 'are removed by the next backup, and only ours' {
        $tmp = Join-Path $script:TestHome 'tmp'
        New-Item -ItemType Directory -Path $tmp | Out-Null
        $foreign = New-Item -ItemType Directory -Path (Join-Path $tmp 'musivault-backup-not-ours')
        $envWithTmp = $script:Env.Clone()
        $envWithTmp.TMPDIR = $tmp
        $left = $null
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        # Back up in a loop and kill the process as soon as a work folder exists; a kill that lands after the folder
        # was removed simply tries again (bounded by the deadline).
        while (-not $left -and [DateTime]::UtcNow -lt $deadline) {
            $p = Start-FreshPwsh -Environment $envWithTmp -Script "Import-Module '$script:ModulePath'; while (`$true) { Backup-VaultToDrive -Vault '$script:Vault' | Out-Null }"
            try {
                $seen = $null
                while (-not $seen -and -not $p.HasExited -and [DateTime]::UtcNow -lt $deadline) {
                    $seen = Get-ChildItem $tmp -Directory -Filter 'musivault-backup-*' | Where-Object Name -ne $foreign.Name | Select-Object -First 1
                }
                $p.Kill($true)
                $null = $p.WaitForExit(10000)
                $left = Get-ChildItem $tmp -Directory -Filter 'musivault-backup-*' | Where-Object Name -ne $foreign.Name | Select-Object -First 1
            }
            finally { $p.Dispose() }
        }
        $left | Should -Not -BeNullOrEmpty -Because 'a kill must have landed while a work folder existed'
        [int](Get-Item $left.FullName).UnixFileMode | Should -Be 448 # 0700

        Invoke-Outcome "Backup-VaultToDrive -Vault '$script:Vault'" $envWithTmp | Should -Be 'ok'
        Test-Path $left.FullName | Should -BeFalse
        Test-Path $foreign.FullName | Should -BeTrue
        @(Get-ChildItem $tmp -Directory -Filter 'musivault-backup-*').Count | Should -Be 1
    }
}

Describe 'Read-only vaults' {
    BeforeAll {
        $script:RoDir = Join-Path $script:TestHome 'ro'
        New-Item -ItemType Directory -Path $script:RoDir | Out-Null
        $script:RoVault = Join-Path $script:RoDir 'vault.db'
        Invoke-Outcome "Restore-VaultFromDrive -Latest -Destination '$script:RoVault' -Confirm:`$false" | Should -Be 'ok'
    }
    AfterAll {
        & umount (Join-Path $script:TestHome 'ro-mount') 2>$null
        & chmod -R u+w $script:RoDir 2>$null
    }

    It 'readers work on a 0444 file in a 0555 folder' {
        & chmod 0444 $script:RoVault
        & chmod 0555 $script:RoDir
        try {
            $out = Invoke-FreshPwsh -Environment $script:Env -Script "Import-Module '$script:ModulePath'; `$ErrorActionPreference = 'Stop'; 'tracks=' + @(Get-VaultTrack -Vault '$script:RoVault').Count"
            $line = @($out | Where-Object { $_ -like 'tracks=*' })[-1]
            $line | Should -Not -BeNullOrEmpty -Because ($out -join "`n")
            [int]($line -replace 'tracks=') | Should -BeGreaterThan 0
        }
        finally { & chmod 0755 $script:RoDir; & chmod 0644 $script:RoVault }
    }

    It 'a sync into a read-only file system fails with VaultReadOnly (PermissionDenied)' {
        $mount = Join-Path $script:TestHome 'ro-mount'
        New-Item -ItemType Directory -Path $mount | Out-Null
        Invoke-Mount @('--bind', $script:RoDir, $mount)
        Invoke-Mount @('-o', 'remount,ro,bind', $mount)
        $vault = Join-Path $mount 'vault.db'
        Invoke-Outcome "Sync-SpotifyLibrary -Vault '$vault'" | Should -Be 'id=VaultReadOnly;category=PermissionDenied'
        $out = Invoke-FreshPwsh -Environment $script:Env -Script "Import-Module '$script:ModulePath'; `$ErrorActionPreference = 'Stop'; 'tracks=' + @(Get-VaultTrack -Vault '$vault').Count"
        @($out | Where-Object { $_ -like 'tracks=*' }) | Should -Not -BeNullOrEmpty -Because ($out -join "`n")
    }
}

Describe 'A full disk' {
    It 'a sync into a full file system fails with VaultDiskFull and the vault stays readable' {
        $mount = Join-Path $script:TestHome 'small'
        New-Item -ItemType Directory -Path $mount | Out-Null
        Invoke-Mount @('-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', $mount)
        try {
            $vault = Join-Path $mount 'vault.db'
            Invoke-Outcome "Sync-SpotifyLibrary -Vault '$vault'" | Should -BeIn @('id=VaultDiskFull;category=WriteError')
        }
        finally { & umount $mount }
    }
}

Describe 'A full disk under import and Restore-VaultFromDrive (one mapping: VaultDiskFull)' {
    BeforeAll {
        $script:FullMount = Join-Path $script:TestHome 'full'
        New-Item -ItemType Directory -Path $script:FullMount | Out-Null
        Invoke-Mount @('-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', $script:FullMount)
        $script:FullVault = Join-Path $script:FullMount 'vault.db'
        Invoke-Outcome "Restore-VaultFromDrive -Latest -Destination '$script:FullVault' -Confirm:`$false" | Should -Be 'ok'
        $script:Export = Join-Path $script:TestHome 'export'
        $generator = Get-FakeProgram -Kind Spotify
        $out = & dotnet $generator --generate-export $script:Export --plays 20000 --years 2 --seed 3 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Generating the export failed: $($out -join "`n")" }
    }
    AfterAll { & umount $script:FullMount 2>$null }

    It 'Restore-VaultFromDrive -Force onto a full file system fails with VaultDiskFull and leaves the vault as it was' {
        Set-FreeSpace $script:FullMount 0
        Invoke-Outcome "Restore-VaultFromDrive -Latest -Destination '$script:FullVault' -Force -Confirm:`$false" |
            Should -Be 'id=VaultDiskFull;category=WriteError'
        @(Get-ChildItem $script:FullMount -Filter '.musivault-work-*' -Force).Count | Should -Be 0
        Remove-Item (Join-Path $script:FullMount 'filler')
        $out = Invoke-FreshPwsh -Environment $script:Env -Script "Import-Module '$script:ModulePath'; 'valid=' + (Test-VaultIntegrity -Vault '$script:FullVault').IsValid"
        $out | Should -Contain 'valid=True'
    }

    It 'Import-SpotifyDataExport into a vault on a full file system fails with VaultDiskFull and the vault stays sound' {
        Set-FreeSpace $script:FullMount 256KB
        try {
            Invoke-Outcome "Import-SpotifyDataExport -Path '$script:Export' -Vault '$script:FullVault'" |
                Should -Be 'id=VaultDiskFull;category=WriteError'
        }
        finally { Remove-Item (Join-Path $script:FullMount 'filler') }
        $out = Invoke-FreshPwsh -Environment $script:Env -Script "Import-Module '$script:ModulePath'; 'valid=' + (Test-VaultIntegrity -Vault '$script:FullVault').IsValid"
        $out | Should -Contain 'valid=True'
    }
}

Describe 'A vault with damaged indexes' {
    It 'a sync refuses it with VaultDamaged before writing, and Test-VaultIntegrity -Repair makes it syncable again' {
        $damaged = Join-Path $script:TestHome 'damaged.db'
        Invoke-Outcome "Restore-VaultFromDrive -Latest -Destination '$damaged' -Confirm:`$false" | Should -Be 'ok'
        $lines = Invoke-TestSeed 'damage-index' $damaged
        @($lines | Where-Object { $_ -like '*missing from index liked_tracks_in_order*' }).Count | Should -Be 7

        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
Import-Module '$script:ModulePath'
'runs=' + @(Get-VaultSyncRun -Vault '$damaged').Count
try { `$null = Sync-SpotifyLibrary -Vault '$damaged' -ErrorAction Stop; 'synced' }
catch { 'id=' + `$_.FullyQualifiedErrorId.Split(',')[0]; 'category=' + `$_.CategoryInfo.Category; 'message=' + `$_.Exception.Message }
'runs=' + @(Get-VaultSyncRun -Vault '$damaged').Count
`$check = Test-VaultIntegrity -Vault '$damaged'
'valid=' + `$check.IsValid
'problems=' + @(`$check.Problems).Count
`$repaired = Test-VaultIntegrity -Vault '$damaged' -Repair -Confirm:`$false -ErrorAction Stop
'repaired=' + `$repaired.IsValid
(Sync-SpotifyLibrary -Vault '$damaged' -ErrorAction Stop).Status
"@
        $out | Should -Contain 'id=VaultDamaged' -Because ($out -join "`n")
        $out | Should -Contain 'category=InvalidData'
        ($out | Where-Object { $_ -like 'message=*' }) | Should -Match 'Test-VaultIntegrity -Repair'
        $runs = @($out | Where-Object { $_ -like 'runs=*' })
        $runs.Count | Should -Be 2
        $runs[1] | Should -Be $runs[0] -Because 'the refused sync wrote nothing, not even its run record'
        $out | Should -Contain 'valid=False'
        $out | Should -Contain 'problems=7'
        $out | Should -Contain 'repaired=True'
        $out[-1] | Should -Be 'succeeded'
    }
}

Describe 'Unverified uploads on Drive' {
    It 'Get-VaultBackup -IncludeUnverified lists them (Verified false), and -Keep deletes only those past the grace period' {
        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
Import-Module '$script:ModulePath'
`$ErrorActionPreference = 'Stop'
'id=' + (Backup-VaultToDrive -Vault '$script:Vault').Id
'id=' + (Backup-VaultToDrive -Vault '$script:Vault').Id
"@
        $stale, $recent = @($out | Where-Object { $_ -like 'id=*' } | ForEach-Object { $_.Substring(3) })
        $stale | Should -Not -BeNullOrEmpty -Because ($out -join "`n")
        # What a backup killed between upload and verification leaves, aged by Drive's clock.
        Invoke-RestMethod "$($script:Drive.Info.root)_fake/unverify?id=$stale&ageHours=25" | Out-Null
        Invoke-RestMethod "$($script:Drive.Info.root)_fake/unverify?id=$recent&ageHours=1" | Out-Null

        $out = Invoke-FreshPwsh -Environment $script:Env -Script @"
Import-Module '$script:ModulePath'
`$ErrorActionPreference = 'Stop'
'listed=' + ((Get-VaultBackup | ForEach-Object Id) -join ',')
'all=' + ((Get-VaultBackup -IncludeUnverified | ForEach-Object { `$_.Id + ':' + `$_.Verified }) -join ',')
Get-VaultBackup -IncludeUnverified | Where-Object Id -eq '$stale' | Format-Table | Out-String -Width 120
`$null = Backup-VaultToDrive -Vault '$script:Vault' -Keep 100
'after=' + ((Get-VaultBackup -IncludeUnverified | ForEach-Object Id) -join ',')
"@
        $text = $out -join "`n"
        ($out | Where-Object { $_ -like 'listed=*' }) | Should -Not -Match $stale -Because $text
        ($out | Where-Object { $_ -like 'listed=*' }) | Should -Not -Match $recent
        ($out | Where-Object { $_ -like 'all=*' }) | Should -Match "$($stale):False"
        ($out | Where-Object { $_ -like 'all=*' }) | Should -Match "$($recent):False"
        ($out | Where-Object { $_ -like 'all=*' }) | Should -Match ':True'
        $text | Should -Match '\(unverified\)'
        ($out | Where-Object { $_ -like 'after=*' }) | Should -Not -Match $stale
        ($out | Where-Object { $_ -like 'after=*' }) | Should -Match $recent
    }
}

Describe 'Private folders' {
    # Under umask 000 mkdir would make 0777 folders: profiles/ must come out 0700 all the same. The connection needs a
    # refresh token of its own: the fake's tokens are single-use (rotated), and BeforeAll already spent the first one.
    It 'profiles/ is 0700 even under umask 000' {
        $home2 = Join-Path $script:TestHome 'umask-home'
        $grant = Invoke-RestMethod -Method Post "$($script:Spotify.ControlUrl)/refresh-token"
        $pwsh = @(Get-TestPwsh)
        $quoted = ($pwsh | ForEach-Object { "'$_'" }) -join ' '
        $inner = "Import-Module '$script:ModulePath'; Connect-Spotify -ClientId '$($grant.clientId)' -RefreshToken '$($grant.refreshToken)' -ErrorAction Stop | Out-Null; 'connected'"
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($inner))
        $environment = @{
            MUSIVAULT_HOME                 = $home2
            MUSIVAULT_SPOTIFY_API_URL      = $script:Spotify.ApiUrl
            MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:Spotify.AccountsUrl
        }
        $saved = @{}
        foreach ($key in $environment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $environment[$key]) }
        try { $out = & sh -c "umask 000; umask; exec $quoted -NoProfile -NonInteractive -EncodedCommand $encoded" 2>&1 }
        finally { foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) } }
        $out | Should -Contain '0000' -Because 'the child must really run under umask 000'
        $out | Should -Contain 'connected' -Because ($out -join "`n")
        Test-Path (Join-Path $home2 'profiles/default/spotify.json') | Should -BeTrue
        [int](Get-Item $home2).UnixFileMode | Should -Be 448 # 0700: created by MusiVault, so private too
        [int](Get-Item (Join-Path $home2 'profiles')).UnixFileMode | Should -Be 448
        [int](Get-Item (Join-Path $home2 'profiles/default')).UnixFileMode | Should -Be 448
    }
}
