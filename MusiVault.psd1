@{
    RootModule           = 'MusiVault.dll'
    # Written by build.ps1 into out/MusiVault/MusiVault.psd1 from <Version> in Directory.Build.props (the one source).
    ModuleVersion        = '0.0.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5b7f3c2e-8a41-4d0e-9f6b-2c1d7e9a4b30'
    Author               = 'MusiVault contributors'
    CompanyName          = 'MusiVault contributors'
    Copyright            = '(c) 2026 MusiVault contributors. MIT License.'
    Description          = 'A complete, queryable archive of your Spotify library in a local SQLite vault, with the history of what vanished and verified backups on Google Drive.'
    PowerShellVersion    = '7.4'
    # The type adapter and the types it adapts must be loaded before TypesToProcess is read.
    RequiredAssemblies   = @('MusiVault.Models.dll', 'MusiVault.dll')
    TypesToProcess       = @('Formats/MusiVault.Types.ps1xml')
    FormatsToProcess     = @('Formats/Vault.Format.ps1xml', 'Formats/Spotify.Format.ps1xml', 'Formats/Drive.Format.ps1xml', 'Formats/Restore.Format.ps1xml', 'Formats/Plays.Format.ps1xml')
    CmdletsToExport      = @(
        'Get-VaultInfo'
        'Sync-SpotifyLibrary'
        'Restore-SpotifyPlaylist'
        'Restore-SpotifyLibrary'
        'Test-VaultIntegrity'
        'Connect-Spotify'
        'Get-SpotifyConnection'
        'Disconnect-Spotify'
        'Get-GoogleDriveConnection'
        'Disconnect-GoogleDrive'
        'Connect-GoogleDrive'
        'Backup-VaultToDrive'
        'Get-VaultBackup'
        'Restore-VaultFromDrive'
        'Get-VaultTrack'
        'Get-VaultPlaylist'
        'Get-VaultAlbum'
        'Get-VaultArtist'
        'Get-VaultShow'
        'Get-VaultEpisode'
        'Get-VaultTopItem'
        'Get-VaultPlay'
        'Measure-VaultPlay'
        'Import-SpotifyDataExport'
        'Get-VaultChange'
        'Get-VaultSyncRun'
        'Export-VaultPlaylist'
        'Export-VaultReport'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Get-VaultRecentlyPlayed')
    PrivateData          = @{
        PSData = @{
            Tags         = @('PSEdition_Core', 'Windows', 'Linux', 'MacOS', 'Spotify', 'Backup', 'SQLite', 'Music', 'Archive', 'GoogleDrive')
            ReleaseNotes = 'See CHANGELOG.md in the module folder.'
        }
    }
}
