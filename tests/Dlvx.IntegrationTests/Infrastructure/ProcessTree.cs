using Dlvx.IntegrationTests.Reliability;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>Processes a test did not start itself (Delve, the program it runs), found and awaited by pid through /proc.</summary>
internal static class ProcessTree
{
    /// <summary>The children of <paramref name="pid"/>, then theirs, and so on.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var found = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in BackendFaultTests.ChildPids(parent))
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="pid"/> runs (a zombie has ended).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The pids of <paramref name="pids"/> still alive after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<int>> StillAliveAfterAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var watched = pids.ToList();
        using var deadline = new CancellationTokenSource(timeout);
        while (watched.Any(IsAlive) && !deadline.IsCancellationRequested)
        {
            // No exit notification exists for another process's child: poll /proc until the deadline.
            await Task.Delay(50, CancellationToken.None);
        }

        return watched.Where(IsAlive).ToList();
    }
}
