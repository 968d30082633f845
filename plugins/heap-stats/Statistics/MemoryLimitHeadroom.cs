using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>
/// How much headroom the heap goal keeps below the memory limit: a fixed amount
/// (<c>memoryLimitHeapGoalHeadroom</c>, Go 1.19 and 1.20), or a percentage of the goal with a floor
/// (<c>memoryLimitHeapGoalHeadroomPercent</c> and <c>memoryLimitMinHeapGoalHeadroom</c>, from Go 1.21).
/// Which rule applies is read from the constants the target declares.
/// </summary>
/// <param name="Fixed">The fixed headroom, or the floor under the percentage.</param>
/// <param name="Percent">The percentage of the goal, or null for a fixed headroom.</param>
internal sealed record MemoryLimitHeadroom(ulong Fixed, ulong? Percent)
{
    public static async Task<MemoryLimitHeadroom> ReadAsync(IRuntimeLayout layout, CancellationToken cancellationToken)
    {
        if (await layout.FindConstantAsync("runtime.memoryLimitHeapGoalHeadroomPercent", cancellationToken) is { } percent)
        {
            var floor = await layout.FindConstantAsync("runtime.memoryLimitMinHeapGoalHeadroom", cancellationToken)
                ?? throw await layout.MissingAsync("constant runtime.memoryLimitMinHeapGoalHeadroom", cancellationToken);
            return new MemoryLimitHeadroom((ulong)floor, (ulong)percent);
        }

        var headroom = await layout.FindConstantAsync("runtime.memoryLimitHeapGoalHeadroom", cancellationToken)
            ?? throw await layout.MissingAsync("constant runtime.memoryLimitHeapGoalHeadroom or runtime.memoryLimitHeapGoalHeadroomPercent", cancellationToken);
        return new MemoryLimitHeadroom((ulong)headroom, null);
    }

    /// <summary>The headroom for a goal (mgcpacer.go's memoryLimitHeapGoal).</summary>
    public ulong For(ulong goal) => Percent is { } percent ? Math.Max(goal / 100 * percent, Fixed) : Fixed;
}
