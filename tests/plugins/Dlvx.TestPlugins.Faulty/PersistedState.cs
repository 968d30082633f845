namespace Dlvx.TestPlugins.Faulty;

/// <summary>A singleton that flushes on disposal, as a snapshot store that persists would.</summary>
public sealed class PersistedState : IAsyncDisposable
{
    public string? PendingFile { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (PendingFile is { } file)
        {
            await System.IO.File.WriteAllTextAsync(file, "flushed on shutdown");
        }
    }
}
