namespace Dlvx.Host.Front;

/// <summary>
/// The plugin commands a connection is running beside its pass-through traffic, so that closing
/// the connection can first let their answers reach the client.
/// </summary>
internal sealed class InterceptedRequests
{
    private readonly List<Task> running = [];

    public void Add(Task task)
    {
        lock (running)
        {
            running.RemoveAll(t => t.IsCompleted);
            running.Add(task);
        }
    }

    /// <summary>Waits for the running commands to answer, at most <paramref name="patience"/>.</summary>
    public async Task DrainAsync(TimeSpan patience)
    {
        Task[] pending;
        lock (running)
        {
            pending = [.. running];
        }

        await Task.WhenAll(pending).WaitAsync(patience, CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default);
    }
}
