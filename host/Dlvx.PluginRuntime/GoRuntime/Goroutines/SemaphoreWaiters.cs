using System.Buffers.Binary;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Goroutines;

/// <summary>
/// Which goroutine waits on which semaphore, from <c>runtime.semtable</c> (sema.go): 251 roots, each a
/// treap of sudogs (children in <c>prev</c> and <c>next</c>) with one node per distinct address and
/// further waiters on the same address chained through <c>waitlink</c>.
/// </summary>
internal static class SemaphoreWaiters
{
    private const int MaxWaiters = 1 << 22;

    /// <summary>Each waiting goroutine's <c>g</c>, with the address it waits on; <paramref name="sudogs"/>, if given, receives the address of every sudog in the table.</summary>
    public static async Task<Dictionary<ulong, ulong>> ReadAsync(IRuntimeLayout layout, TargetMemory memory, SudogLayout sudog, CancellationToken cancellationToken, ISet<ulong>? sudogs = null)
    {
        var result = new Dictionary<ulong, ulong>();
        var table = await layout.GetGlobalAsync("runtime.semtable", cancellationToken);
        var root = await layout.GetStructAsync("runtime.semaRoot", cancellationToken);
        var tableSize = await layout.FindConstantAsync("runtime.semTabSize", cancellationToken) ?? throw await layout.MissingAsync("constant runtime.semTabSize", cancellationToken);
        var size = await layout.FindSizeAsync(table.TypeName, cancellationToken)
            ?? throw await layout.MissingAsync("the size of " + table.TypeName, cancellationToken);
        var stride = size / (ulong)tableSize;
        var bytes = await memory.ReadAsync(table.Address, (int)size, cancellationToken);
        var treap = root.Field("treap");
        var pending = new Stack<ulong>();
        for (var i = 0UL; i < (ulong)tableSize; i++)
        {
            var node = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)((i * stride) + treap.Offset)));
            if (node != 0)
            {
                pending.Push(node);
            }
        }

        var seen = new HashSet<ulong>();
        while (pending.TryPop(out var node) && seen.Count < MaxWaiters)
        {
            if (!seen.Add(node))
            {
                continue;
            }

            var record = await memory.ReadAsync(node, (int)sudog.Struct.Size, cancellationToken);
            var address = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan((int)sudog.Elem));
            foreach (var child in new[] { sudog.Prev, sudog.Next })
            {
                var next = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan((int)child));
                if (next != 0)
                {
                    pending.Push(next);
                }
            }

            // The node, then the other waiters on the same address.
            for (var waiter = node; waiter != 0 && (waiter == node || seen.Add(waiter));)
            {
                var waiterRecord = waiter == node ? record : await memory.ReadAsync(waiter, (int)sudog.Struct.Size, cancellationToken);
                sudogs?.Add(waiter);
                var g = BinaryPrimitives.ReadUInt64LittleEndian(waiterRecord.AsSpan((int)sudog.G));
                if (g != 0)
                {
                    result.TryAdd(g, address);
                }

                waiter = BinaryPrimitives.ReadUInt64LittleEndian(waiterRecord.AsSpan((int)sudog.WaitLink));
            }
        }

        return result;
    }
}
