using System.Collections.Concurrent;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using MusiVault.Engine.Backup;

namespace MusiVault.Commands;

/// <summary>
/// Runs an engine call on the thread pool while the pipeline thread writes what it reports (progress, verbose lines,
/// objects): PowerShell only accepts Write* calls from the pipeline thread.
/// </summary>
internal sealed class EnginePump
{
    private readonly BlockingCollection<Action> _queue = new();

    public void Post(Action action)
    {
        try
        {
            _queue.Add(action);
        }
        catch (InvalidOperationException)
        {
            // Reported after the call finished: nothing left to show it on.
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> and executes what it posts until it ends. When the pipeline thread fails (Ctrl+C,
    /// or a downstream Select-Object -First has all it wants), the engine call is cancelled and awaited before the
    /// exception goes on, so no engine work outlives the cmdlet.
    /// </summary>
    public T Execute<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var task = Task.Run(async () =>
        {
            try
            {
                return await work(cancel.Token);
            }
            finally
            {
                _queue.CompleteAdding();
            }
        });
        try
        {
            foreach (var action in _queue.GetConsumingEnumerable())
            {
                action();
            }
        }
        catch
        {
            cancel.Cancel();
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
                // The pipeline's exception is the one that matters.
            }
            throw;
        }
        return task.GetAwaiter().GetResult();
    }
}

/// <summary>Turns engine progress into Write-Progress records with one stable activity id, ending with Completed.</summary>
internal sealed class TransferProgressWriter(Cmdlet cmdlet, EnginePump pump, string activity) : IProgress<TransferProgress>
{
    /// <summary>Stable across calls so that hosts replace the bar instead of stacking new ones.</summary>
    public const int ActivityId = 0x4D56;

    private int _lastPercent = -1;
    private string _lastStage = "";

    public void Report(TransferProgress value) => pump.Post(() => Write(value));

    private void Write(TransferProgress value)
    {
        var percent = value.IsTransfer && value.BytesTotal > 0 ? (int)Math.Min(100, value.BytesDone * 100 / value.BytesTotal) : -1;
        if (percent == _lastPercent && value.Stage == _lastStage)
        {
            return;
        }
        _lastPercent = percent;
        _lastStage = value.Stage;
        var record = new ProgressRecord(ActivityId, activity, value.Stage) { PercentComplete = percent };
        if (value.IsTransfer)
        {
            record.CurrentOperation = $"{value.BytesDone / 1048576.0:0.0} of {value.BytesTotal / 1048576.0:0.0} MiB";
        }
        cmdlet.WriteProgress(record);
    }

    public void Complete()
    {
        try
        {
            cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C: the host clears the bar itself.
        }
    }
}

internal static class Passphrases
{
    /// <summary>
    /// The passphrase as characters for the key derivation, made at the last moment; the caller clears the array.
    /// </summary>
    public static char[]? ToChars(SecureString? secure)
    {
        if (secure is null || secure.Length == 0)
        {
            return null;
        }
        var chars = new char[secure.Length];
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            Marshal.Copy(pointer, chars, 0, chars.Length);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
        return chars;
    }

    public static void Clear(char[]? chars)
    {
        if (chars is not null)
        {
            Array.Clear(chars);
        }
    }
}
