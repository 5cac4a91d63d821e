using System.Diagnostics.CodeAnalysis;
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

    protected static ErrorRecord ToErrorRecord(MusiVaultException ex) => ex is null
        ? throw new ArgumentNullException(nameof(ex))
        : new(ex, ex.ErrorId, Enum.TryParse<ErrorCategory>(ex.Category.ToString(), out var category) ? category : ErrorCategory.NotSpecified, ex.Target);

    /// <summary>
    /// Runs an engine call. A failure the engine reports (no vault, a refused token, a damaged backup) is written as a
    /// non-terminating error and the method returns false: the caller stops work on this input and the cmdlet goes on
    /// with the next one. That is what lets -ErrorAction SilentlyContinue/Ignore silence it, and -ErrorAction Stop or
    /// $ErrorActionPreference = 'Stop' turn it into an exception a try/catch sees.
    /// </summary>
    /// <param name="sameLocation">
    /// True for the next step of work already under way (the next row of a query): $PWD is not looked up again. Asking
    /// PowerShell for it validates the drive (on Linux a read of /proc/mounts), which per row was most of a query's time.
    /// </param>
    protected bool TryRun<T>(Func<T> action, [MaybeNullWhen(false)] out T result, bool sameLocation = false)
    {
        ArgumentNullException.ThrowIfNull(action);
        var error = Attempt(action, out result, sameLocation);
        if (error is null)
        {
            return true;
        }
        WriteError(error);
        return false;
    }

    /// <summary>
    /// Runs an engine call whose failure leaves nothing for the rest of the pipeline to do: the error goes through
    /// ThrowTerminatingError, so it ends the statement and try/catch sees it whatever -ErrorAction says.
    /// </summary>
    protected T Run<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var error = Attempt(action, out var result);
        if (error is not null)
        {
            ThrowTerminatingError(error);
        }
        return result!;
    }

    /// <summary>The one place engine exceptions become ErrorRecords; Ctrl+C becomes a stopped pipeline.</summary>
    private ErrorRecord? Attempt<T>(Func<T> action, out T result, bool sameLocation = false)
    {
        if (!sameLocation)
        {
            UseCurrentLocation();
        }
        result = default!;
        try
        {
            result = action();
            return null;
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (MusiVaultException ex)
        {
            return ToErrorRecord(ex);
        }
        catch (IOException ex)
        {
            return new ErrorRecord(ex, "VaultIOError", ErrorCategory.WriteError, null);
        }
        catch (UnauthorizedAccessException ex)
        {
            return new ErrorRecord(ex, "VaultAccessDenied", ErrorCategory.PermissionDenied, null);
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
