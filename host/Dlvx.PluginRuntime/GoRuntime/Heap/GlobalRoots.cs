using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The words of every module's data and bss that the collector's masks (moduledata.gcdatamask and
/// gcbssmask) mark as pointers, named after the package variable holding each (the runtime's own
/// included) and typed by it.
/// </summary>
internal static class GlobalRoots
{
    private static readonly LoadConfig Bare = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };

    public static async Task AddAsync(RootSet roots, IDelveClient delve, TargetMemory memory, IReadOnlyList<ModuleRange> modules, SpanTable spans, ViewCatalog views, TypeShapes shapes, CancellationToken cancellationToken)
    {
        var variables = (await delve.ListPackageVarsAsync("", Bare, cancellationToken))
            .Where(v => v.Addr != 0)
            .GroupBy(v => v.Addr)
            .Select(g => g.First())
            .OrderBy(v => v.Addr)
            .ToArray();
        var starts = variables.Select(v => v.Addr).ToArray();

        // The words that point into the heap, found first; only the variables holding them need a shape.
        var found = new List<(ulong Address, ulong Value, int Variable)>();
        foreach (var module in modules)
        {
            await CollectAsync(module.Data, module.EndData, module.DataMask);
            await CollectAsync(module.Bss, module.EndBss, module.BssMask);
        }

        var sizes = new Dictionary<int, (ulong Size, int View)>();
        foreach (var index in found.Select(f => f.Variable).Where(i => i >= 0).Distinct())
        {
            var view = await views.ValueAsync(variables[index].Type, cancellationToken);
            var shape = await shapes.GetAsync(variables[index].Type, variables[index].Addr, cancellationToken);
            sizes[index] = (shape.Size, view);
        }

        foreach (var (address, value, index) in found)
        {
            if (index >= 0 && sizes.TryGetValue(index, out var known) && (known.Size == 0 || address < variables[index].Addr + known.Size))
            {
                var variable = variables[index];
                var bytes = await memory.ReadAsync(variable.Addr, (int)Math.Max(8, Math.Min(known.Size, (address - variable.Addr) + 32)), cancellationToken);
                var hint = views[known.View].Shape is null ? Hint.Untyped
                    : await views.DescribeAsync(views[known.View], new ObjectBytes(bytes, 0, bytes.Length, variable.Addr), (long)(address - variable.Addr), cancellationToken);
                roots.Words.Add(new RootWord(address, value, roots.Root(variable.Name, HeapRootKind.Global), hint));
            }
            else
            {
                // Static data no variable names: a composite literal's backing store, say.
                roots.Words.Add(new RootWord(address, value, roots.Root("static data", HeapRootKind.Global), Hint.Untyped));
            }
        }

        async Task CollectAsync(ulong start, ulong end, byte[] mask)
        {
            if (end <= start || mask.Length == 0)
            {
                return;
            }

            var bytes = await memory.ReadAsync(start, (int)(end - start), cancellationToken);
            for (var word = 0; word < mask.Length * 8 && (word * 8) + 8 <= bytes.Length; word++)
            {
                if ((mask[word / 8] >> (word % 8) & 1) == 0)
                {
                    continue;
                }

                var value = BitConverter.ToUInt64(bytes, word * 8);
                if (value == 0 || spans.FindSlot(value, out _) < 0)
                {
                    continue;
                }

                var address = start + ((ulong)word * 8);
                var i = Array.BinarySearch(starts, address);
                found.Add((address, value, i >= 0 ? i : ~i - 1));
            }
        }
    }
}
