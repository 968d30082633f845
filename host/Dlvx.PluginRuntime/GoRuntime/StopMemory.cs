using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>The memory service a command sees: this stop's cache, over the fastest source checked for the process.</summary>
internal sealed class StopMemory(StopView view) : ITargetMemory
{
    public async Task<byte[]> ReadAsync(ulong address, int length, CancellationToken cancellationToken = default) =>
        await (await view.MemoryAsync(cancellationToken)).ReadAsync(address, length, cancellationToken);

    public async Task<IReadOnlyList<byte[]?>> ReadManyAsync(IReadOnlyList<MemoryRange> ranges, CancellationToken cancellationToken = default) =>
        await (await view.MemoryAsync(cancellationToken)).ReadManyAsync(ranges, cancellationToken);

    public async Task<ulong> ReadWordAsync(ulong address, CancellationToken cancellationToken = default) =>
        await (await view.MemoryAsync(cancellationToken)).ReadWordAsync(address, cancellationToken);
}
