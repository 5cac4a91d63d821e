using System.Collections.Concurrent;
using System.Management.Automation;

namespace MusiVault;

/// <summary>
/// Engine work runs on thread-pool threads, but PowerShell only accepts WriteProgress/WriteWarning/WriteVerbose
/// from the pipeline thread. The engine posts its messages here; the cmdlet's thread writes them while it waits.
/// </summary>
internal sealed class PipelinePump
{
    private readonly BlockingCollection<Action> _messages = new();

    public void Post(Action message)
    {
        try
        {
            _messages.Add(message);
        }
        catch (InvalidOperationException)
        {
            // The pump has finished: a straggler message after the work ended is dropped.
        }
    }

    /// <summary>Runs <paramref name="work"/> and writes its messages on this thread until it completes.</summary>
    public T Run<T>(Func<Task<T>> work)
    {
        var task = Task.Run(work);
        _ = task.ContinueWith(_ => _messages.CompleteAdding(), TaskScheduler.Default);
        foreach (var message in _messages.GetConsumingEnumerable())
        {
            message();
        }
        return task.GetAwaiter().GetResult();
    }
}
