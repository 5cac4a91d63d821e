# Connect-Spotify, Get-SpotifyConnection and Disconnect-Spotify in a fresh pwsh, against the fake Spotify service run
# as a separate program (tests/MusiVault.FakeSpotify). The tests share one fake and one MUSIVAULT_HOME and run in order.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:TestHome = New-TestHome
    Import-Module (Join-Path $PSScriptRoot 'Fakes.psm1') -Force
    $script:Fake = Start-FakeSpotify -Preset small -Seed 5
    $script:FakeInfo = $script:Fake.Info
    $script:ClientId = $script:FakeInfo.clientId

    $script:Env = @{
        MUSIVAULT_HOME                 = $script:TestHome
        MUSIVAULT_SPOTIFY_API_URL      = $script:FakeInfo.api
        MUSIVAULT_SPOTIFY_ACCOUNTS_URL = $script:FakeInfo.accounts
        MUSIVAULT_SPOTIFY_CLIENT_ID    = $null
        BROWSER                        = $null
    }

    # A "browser" that does what a person's would: GET the authorize page (the fake approves at once), then follow its
    # redirect to the loopback listener.
    $script:Browser = Join-Path $script:TestHome 'browser.sh'
    Set-Content -Path $script:Browser -Value @'
#!/bin/sh
location=$(curl -s -o /dev/null -w '%{redirect_url}' "$1")
curl -s -o /dev/null "$location"
'@
    if (-not $IsWindows) { chmod +x $script:Browser }

    function script:Get-StoredTokens([string] $Profile) {
        $path = Join-Path $script:TestHome "profiles/$Profile/spotify-token.secret"
        if ($IsWindows) { return $null } # DPAPI-protected there
        return Get-Content $path -Raw | ConvertFrom-Json
    }

    function script:Get-FreePort {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start()
        try { return $probe.LocalEndpoint.Port } finally { $probe.Stop() }
    }

    # Runs $Body in a fresh pwsh with the module imported; $Body's last output line must be JSON.
    function script:Invoke-Spotify([string] $Body, [hashtable] $Extra = @{}) {
        $environment = $script:Env.Clone()
        foreach ($k in $Extra.Keys) { $environment[$k] = $Extra[$k] }
        $out = Invoke-FreshPwsh -Environment $environment -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
$Body
"@
        $text = $out -join "`n"
        if ($LASTEXITCODE -ne 0) { throw "child pwsh failed ($LASTEXITCODE): $text" }
        return [pscustomobject]@{ Result = ($out | Select-Object -Last 1 | ConvertFrom-Json); Raw = $text }
    }

    # Every stream, rendered every way a user could see it.
    $script:CaptureAll = @'
function Show-All($records) {
    ($records | Out-String -Width 400) + (($records | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 400 }) -join '') +
        (($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.Exception.ToString() }) -join '')
}
'@

    function script:Assert-NoTokenIn([string] $Text, [string[]] $Tokens) {
        foreach ($token in $Tokens | Where-Object { $_ }) {
            $Text.Contains($token) | Should -BeFalse -Because 'no token text may reach any stream'
        }
    }
}

AfterAll {
    Stop-Fake $script:Fake
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Spotify connection cmdlets' {
    It 'logs in with PKCE through $BROWSER and the loopback listener, printing no token' -Skip:$IsWindows {
        $port = Get-FreePort
        $run = Invoke-Spotify -Extra @{ BROWSER = $script:Browser } -Body @"
$script:CaptureAll
`$records = Connect-Spotify -ClientId '$script:ClientId' -RedirectUri 'http://127.0.0.1:$port/callback' -Verbose -Debug *>&1
`$connection = `$records | Where-Object { `$_ -is [MusiVault.SpotifyConnection] }
@{ Type = `$connection.GetType().FullName; UserId = `$connection.UserId; Scopes = `$connection.Scopes;
   Soon = `$connection.RefreshTokenExpiresSoon; Days = (`$connection.RefreshTokenExpiresAt - `$connection.ConnectedAt).TotalDays;
   Text = (Show-All `$records) } | ConvertTo-Json -Compress
"@
        $r = $run.Result
        $r.Type | Should -Be 'MusiVault.SpotifyConnection'
        $r.UserId | Should -Not -BeNullOrEmpty
        $r.Scopes | Should -Contain 'user-library-read'
        $r.Scopes | Should -Not -Contain 'playlist-modify-private'
        $r.Soon | Should -BeFalse
        [int]$r.Days | Should -BeIn 181, 182, 183
        $r.Text | Should -Match 'Connected profile .default.' -Because 'the verbose stream was captured too'
        $tokens = Get-StoredTokens 'default'
        $tokens.refresh_token | Should -Not -BeNullOrEmpty
        Assert-NoTokenIn -Text ($r.Text + $run.Raw) -Tokens @($tokens.refresh_token, $tokens.access_token)
    }

    It 'stores the token files private to the user (0600)' -Skip:$IsWindows {
        $dir = Join-Path $script:TestHome 'profiles/default'
        (Get-Item (Join-Path $dir 'spotify-token.secret')).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        (Get-Item (Join-Path $dir 'spotify.json')).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        (Get-Content (Join-Path $dir 'spotify.json') -Raw) | Should -Match $script:ClientId
    }

    It 'imports a refresh token with -RefreshToken, stores the rotated one and prints no token' {
        $given = (Invoke-RestMethod -Method Post -Uri "$($script:FakeInfo.accounts)/_fake/refresh-token").refreshToken
        $run = Invoke-Spotify -Body @"
$script:CaptureAll
`$records = Connect-Spotify -Profile ci -ClientId '$script:ClientId' -RefreshToken '$given' -Verbose -Debug *>&1
`$connection = `$records | Where-Object { `$_ -is [MusiVault.SpotifyConnection] }
@{ Profile = `$connection.Profile; UserId = `$connection.UserId; Text = (Show-All `$records) } | ConvertTo-Json -Compress
"@
        $run.Result.Profile | Should -Be 'ci'
        $run.Result.UserId | Should -Not -BeNullOrEmpty
        if (-not $IsWindows) {
            $stored = Get-StoredTokens 'ci'
            $stored.refresh_token | Should -Not -Be $given -Because 'the fake rotates refresh tokens'
            Assert-NoTokenIn -Text $run.Result.Text -Tokens @($given, $stored.refresh_token, $stored.access_token)
        }
    }

    It '-NoBrowser prints the login address and accepts the pasted redirected address' {
        # An interactive pwsh (not -NonInteractive) whose console input is a pipe: we "paste" into it.
        $pwsh = Get-TestPwsh
        $start = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
        $script = "Import-Module '$script:ModulePath'; `$c = Connect-Spotify -Profile nb -ClientId '$script:ClientId' -NoBrowser; 'RESULT ' + `$c.Profile + ' ' + `$c.UserId"
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-Command', $script)) { $start.ArgumentList.Add($a) }
        foreach ($k in $script:Env.Keys) {
            if ($null -eq $script:Env[$k]) { $null = $start.Environment.Remove($k) } else { $start.Environment[$k] = $script:Env[$k] }
        }
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $child = [Diagnostics.Process]::Start($start)
        try {
            $shown = @()
            do {
                $read = $child.StandardOutput.ReadLineAsync()
                if (-not $read.Wait(60000) -or $null -eq $read.Result) { throw "No login address was printed: $($shown -join "`n")" }
                $shown += $read.Result
            } until ($read.Result -match '^http\S+/authorize\?')
            # The person's browser: the fake approves and redirects; the address it lands on is what gets pasted.
            $authorize = Invoke-WebRequest -Uri $read.Result -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction SilentlyContinue
            $child.StandardInput.WriteLine([string]$authorize.Headers.Location[0])
            $child.StandardInput.Close()
            $rest = $child.StandardOutput.ReadToEnd()
            $errors = $child.StandardError.ReadToEnd()
            $child.WaitForExit(60000) | Out-Null
        }
        finally {
            if (-not $child.HasExited) { $child.Kill($true) }
        }
        $errors | Should -BeNullOrEmpty
        $rest | Should -Match 'RESULT nb \S+'
        (($shown -join "`n") + $rest) | Should -Match 'paste it here'
        if (-not $IsWindows) {
            $stored = Get-StoredTokens 'nb'
            Assert-NoTokenIn -Text (($shown -join "`n") + $rest) -Tokens @($stored.refresh_token, $stored.access_token)
        }
    }

    It 'lists the profiles, and -Verify refreshes an expired access token and stores the rotated refresh token' {
        $before = Get-StoredTokens 'ci'
        Invoke-RestMethod -Method Post -Uri "$($script:FakeInfo.accounts)/_fake/faults?expireTokens=true" | Out-Null
        $run = Invoke-Spotify -Body @"
$script:CaptureAll
`$all = @(Get-SpotifyConnection)
`$records = Get-SpotifyConnection -Profile ci -Verify -Verbose -Debug *>&1
`$verified = `$records | Where-Object { `$_ -is [MusiVault.SpotifyConnection] }
@{ Profiles = @(`$all.Profile); UserId = `$verified.UserId; Text = (Show-All `$records); Table = (`$all | Out-String -Width 300) } | ConvertTo-Json -Compress
"@
        $run.Result.Profiles | Should -Contain 'ci'
        if (-not $IsWindows) { $run.Result.Profiles | Should -Be @('ci', 'default', 'nb') }
        $run.Result.UserId | Should -Not -BeNullOrEmpty
        $run.Result.Table | Should -Match 'LoginExpires' # the view's name for RefreshTokenExpiresAt
        if (-not $IsWindows) {
            $after = Get-StoredTokens 'ci'
            $after.refresh_token | Should -Not -Be $before.refresh_token
            $after.access_token | Should -Not -Be $before.access_token
            Assert-NoTokenIn -Text $run.Result.Text -Tokens @($before.refresh_token, $before.access_token, $after.refresh_token, $after.access_token)
        }
    }

    It 'reports a revoked refresh token with a message to run Connect-Spotify again, without the token' {
        $stored = Get-StoredTokens 'ci'
        Invoke-RestMethod -Method Post -Uri "$($script:FakeInfo.accounts)/_fake/faults?revokeRefreshTokens=true&expireTokens=true" | Out-Null
        $run = Invoke-Spotify -Body @"
$script:CaptureAll
try {
    `$records = Get-SpotifyConnection -Profile ci -Verify -Verbose -Debug *>&1
    @{ Failed = `$false } | ConvertTo-Json -Compress
}
catch {
    @{ Failed = `$true; Id = `$_.FullyQualifiedErrorId; Category = `$_.CategoryInfo.Category.ToString(); Message = `$_.Exception.Message;
       Text = (Show-All @(`$_)) + (Show-All `$records) } | ConvertTo-Json -Compress
}
"@
        $r = $run.Result
        $r.Failed | Should -BeTrue
        $r.Id | Should -BeLike 'SpotifyReauthenticationRequired*'
        $r.Category | Should -Be 'AuthenticationError'
        $r.Message | Should -Match 'Connect-Spotify'
        $r.Message | Should -Match 'invalid_grant'
        if (-not $IsWindows) { Assert-NoTokenIn -Text ($r.Text + $run.Raw) -Tokens @($stored.refresh_token, $stored.access_token) }
    }

    It 'Disconnect-Spotify honours -WhatIf, then forgets the profile' {
        $run = Invoke-Spotify -Body @'
Disconnect-Spotify -Profile ci -WhatIf
$afterWhatIf = [bool](Get-SpotifyConnection -Profile ci)
Get-SpotifyConnection -Profile ci | Disconnect-Spotify -Confirm:$false
$gone = $null
try { Get-SpotifyConnection -Profile ci -ErrorAction Stop } catch { $gone = $_.FullyQualifiedErrorId }
@{ AfterWhatIf = $afterWhatIf; Gone = $gone; Left = @((Get-SpotifyConnection).Profile) } | ConvertTo-Json -Compress
'@
        $run.Result.AfterWhatIf | Should -BeTrue
        $run.Result.Gone | Should -BeLike 'SpotifyNotConnected*'
        $run.Result.Left | Should -Not -Contain 'ci'
        Test-Path (Join-Path $script:TestHome 'profiles/ci') | Should -BeFalse
    }

    It 'tells the user how to get a client id when none is known' {
        $run = Invoke-Spotify -Body @'
try { Connect-Spotify -Profile fresh -NoBrowser; @{ Id = 'none' } | ConvertTo-Json -Compress }
catch { @{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message } | ConvertTo-Json -Compress }
'@
        $run.Result.Id | Should -BeLike 'SpotifyClientIdRequired*'
        $run.Result.Message | Should -Match 'MUSIVAULT_SPOTIFY_CLIENT_ID'
    }
}
