namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Which of the target's wait reasons mean "blocked on something", by their Go spelling.</summary>
public static class WaitReasons
{
    /// <summary>Reasons whose goroutine waits on a channel or a lock that another goroutine must act on.</summary>
    public static bool WaitsOnObject(string reason) =>
        reason is "chan send" or "chan receive" or "select" or "semacquire" or "sync.Mutex.Lock" or "sync.RWMutex.RLock" or "sync.RWMutex.Lock" or "sync.WaitGroup.Wait";

    /// <summary>Reasons that -s blocking keeps: channels, locks, select, sleep.</summary>
    public static bool IsBlocking(string reason) =>
        WaitsOnObject(reason) || reason is "sleep" or "select (no cases)" or "chan send (nil chan)" or "chan receive (nil chan)" or "sync.Cond.Wait";
}
