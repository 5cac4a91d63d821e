using System.Management.Automation;
using MusiVault.Engine;
using MusiVault.Engine.Configuration;

namespace MusiVault;

/// <summary>Base for every MusiVault cmdlet: Ctrl+C as a cancellation token, engine errors as ErrorRecords.</summary>
/// <remarks>PowerShell disposes a cmdlet that is IDisposable when its pipeline ends.</remarks>
public abstract class MusiVaultCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    protected CancellationToken CancellationToken => _stopping.Token;

    protected override void StopProcessing()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Ctrl+C raced the end of the pipeline: nothing is left to stop.
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }

    /// <summary>Relative and ~ paths in MUSIVAULT_HOME / MUSIVAULT_VAULT resolve against $PWD. Overrides call base.</summary>
    protected override void BeginProcessing() => UseCurrentLocation();

    private void UseCurrentLocation() =>
        MusiVaultPaths.WorkingDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    protected static ErrorRecord ToErrorRecord(MusiVaultException ex) =>
        new(ex, ex.ErrorId, Enum.TryParse<ErrorCategory>(ex.Category.ToString(), out var category) ? category : ErrorCategory.NotSpecified, ex.Target);

    /// <summary>Runs an engine call; a MusiVaultException ends the cmdlet with its ErrorRecord.</summary>
    protected T Run<T>(Func<T> action)
    {
        UseCurrentLocation();
        try
        {
            return action();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (MusiVaultException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex));
            throw; // unreachable: ThrowTerminatingError always throws
        }
        catch (IOException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "VaultIOError", ErrorCategory.WriteError, null));
            throw;
        }
        catch (UnauthorizedAccessException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "VaultAccessDenied", ErrorCategory.PermissionDenied, null));
            throw;
        }
    }
}

/// <summary>Base for cmdlets that work on a vault: one -Vault parameter, one way to resolve it.</summary>
public abstract class VaultCmdlet : MusiVaultCmdlet
{
    /// <summary>The vault file. PowerShell paths and ~ work; default: MUSIVAULT_VAULT, else &lt;home&gt;/vault.db.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Vault { get; set; }

    protected string VaultPath =>
        string.IsNullOrEmpty(Vault) ? MusiVaultPaths.DefaultVault : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Vault);
}
