@{
    RootModule        = 'OtherSqliteModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0c6f4a51-5f3c-4a55-9b9e-2d9d1b6f7a11'
    Author            = 'MusiVault tests'
    Description       = 'Test fixture: a module carrying Microsoft.Data.Sqlite 8.0.x in the default load context.'
    PowerShellVersion = '7.4'
    CmdletsToExport   = @('Test-OtherSqlite')
}
