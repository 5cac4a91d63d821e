namespace MusiVault;

/// <summary>
/// Marks what the MusiVault cmdlets write. Get-Vault* cmdlets take any of these from the pipeline (-InputObject)
/// and list what relates to it (an artist's tracks, a show's episodes), or say why nothing can; strings and other
/// objects still bind by property name (-Id).
/// </summary>
#pragma warning disable CA1040 // A marker: the parameter type is what lets PowerShell bind our objects before -Id.
public interface IVaultObject;
#pragma warning restore CA1040
