namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>
/// <c>gcControllerState.heapGoal</c> (src/runtime/mgcpacer.go, the same from Go 1.19 to 1.26 but for
/// the memory-limit headroom), which is what <c>MemStats.NextGC</c> reports: the GOGC goal, lowered by
/// the memory limit or raised by the sweep-distance trigger and the minimum runway.
/// </summary>
internal static class HeapGoal
{
    // heapGoalInternal's minRunway is declared inside the function, so it never reaches DWARF.
    private const ulong MinRunway = 64 << 10;

    /// <param name="controller">The loaded <c>runtime.gcController</c>.</param>
    /// <param name="pendingAllocBytes">Bytes the mcaches hold uncounted; flushing them raises <c>totalAlloc</c> by this much first.</param>
    /// <param name="headroom">The memory-limit headroom rule the target's runtime declares.</param>
    public static ulong Compute(RuntimeVariable controller, ulong pendingAllocBytes, MemoryLimitHeadroom headroom)
    {
        var goal = controller.UInt64("gcPercentHeapGoal.value");
        var memoryLimitGoal = MemoryLimitGoal(controller, pendingAllocBytes, headroom);
        if (memoryLimitGoal < goal)
        {
            return memoryLimitGoal;
        }

        var sweepDistTrigger = controller.UInt64("sweepDistMinTrigger.value");
        if (sweepDistTrigger > goal)
        {
            goal = sweepDistTrigger;
        }

        var triggered = controller.UInt64("triggered");
        if (triggered != ulong.MaxValue && goal < triggered + MinRunway)
        {
            goal = triggered + MinRunway;
        }

        return goal;
    }

    private static ulong MemoryLimitGoal(RuntimeVariable controller, ulong pendingAllocBytes, MemoryLimitHeadroom rule)
    {
        unchecked
        {
            var heapFree = controller.UInt64("heapFree");
            var heapAlloc = controller.UInt64("totalAlloc.value") + pendingAllocBytes - controller.UInt64("totalFree.value");
            var mappedReady = controller.UInt64("mappedReady.value");
            var memoryLimit = (ulong)controller.Int64("memoryLimit.value");
            var heapMarked = controller.UInt64("heapMarked");

            var nonHeapMemory = mappedReady - heapFree - heapAlloc;
            var overage = mappedReady > memoryLimit ? mappedReady - memoryLimit : 0;
            if (nonHeapMemory + overage >= memoryLimit)
            {
                return heapMarked;
            }

            var goal = memoryLimit - (nonHeapMemory + overage);
            var headroom = rule.For(goal);
            goal = goal < headroom || goal - headroom < headroom ? headroom : goal - headroom;
            return goal < heapMarked ? heapMarked : goal;
        }
    }
}
