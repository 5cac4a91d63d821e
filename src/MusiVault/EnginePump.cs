using System.Collections.Concurrent;

namespace MusiVault;

/// <summary>
/// Runs an engine call on the thread pool while the pipeline thread writes what it reports (progress, verbose lines,
/// objects): PowerShell only accepts Write* calls from the pipeline thread.
/// </summary>
internal sealed class EnginePump : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();

    public void Post(Action action)
    {
        try
        {
            _queue.Add(action);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
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
            // Not cancellable: the posted actions are drained until the engine call ends (cancelling it ends it).
            foreach (var action in _queue.GetConsumingEnumerable(CancellationToken.None))
            {
                action();
            }
        }
        catch
        {
            cancel.Cancel();
            try
            {
                task.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The pipeline's exception is the one that matters.
            }
            throw;
        }
        return task.GetAwaiter().GetResult();
    }

    public void Dispose() => _queue.Dispose();
}
