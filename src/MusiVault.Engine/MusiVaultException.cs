namespace MusiVault.Engine;

/// <summary>
/// Every failure the engine reports to a user. Cmdlets turn it into an ErrorRecord with <see cref="ErrorId"/>,
/// <see cref="Category"/> (the name of a PowerShell ErrorCategory) and <see cref="Target"/>. Engine code wraps the
/// exceptions of its dependencies (SQLite, HTTP, Google.Apis) in this type, so cmdlets never see those types.
/// </summary>
public class MusiVaultException : Exception
{
    public MusiVaultException(string errorId, ErrorKind category, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
    }

    public string ErrorId { get; }

    public ErrorKind Category { get; }

    public object? Target { get; }
}

/// <summary>The subset of PowerShell's ErrorCategory the engine uses; names match so the cmdlets can map by name.</summary>
public enum ErrorKind
{
    NotSpecified,
    OpenError,
    CloseError,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    InvalidResult,
    ObjectNotFound,
    ResourceBusy,
    ResourceUnavailable,
    ConnectionError,
    AuthenticationError,
    PermissionDenied,
    SecurityError,
    QuotaExceeded,
    OperationStopped,
    OperationTimeout,
    ProtocolError,
    WriteError,
    ReadError,
    NotInstalled,
    LimitsExceeded,
    ResourceExists,
}
