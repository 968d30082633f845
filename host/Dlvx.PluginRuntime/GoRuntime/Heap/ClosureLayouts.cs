using System.Collections.Concurrent;
using System.Globalization;
using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Learns each closure function's context layout once. Delve (1.23+, on targets built by Go 1.23+,
/// which record each capture's offset in DWARF) shows a func value's captured variables as its
/// children: a capture by value lies at its child's address; a capture by reference is shown at the
/// variable it points to, so its slot is the context word holding that address.
/// </summary>
internal sealed class ClosureLayouts(IDelveClient delve, TypeShapes shapes)
{
    private static readonly LoadConfig Captures = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = -1 };

    private readonly ConcurrentDictionary<ulong, Task<ClosureLayout>> known = new();

    /// <summary>
    /// The layout of the closure whose fn word is <paramref name="function"/>; learned, the first time, from
    /// the func value whose pointer is stored at <paramref name="referrer"/> and whose context is <paramref name="context"/>.
    /// </summary>
    public Task<ClosureLayout> GetAsync(ulong function, ulong referrer, ObjectBytes context, CancellationToken cancellationToken) =>
        known.TryGetValue(function, out var task) ? task : known.GetOrAdd(function, _ => LearnAsync(function, referrer, context, cancellationToken));

    private async Task<ClosureLayout> LearnAsync(ulong function, ulong referrer, ObjectBytes context, CancellationToken cancellationToken)
    {
        var fallback = string.Create(CultureInfo.InvariantCulture, $"func 0x{function:x}");
        Variable value;
        try
        {
            value = referrer == 0
                ? await NameOnlyAsync(function, cancellationToken)
                : await delve.EvalAsync(string.Create(CultureInfo.InvariantCulture, $"*(*func())({referrer})"), EvalScope.Current, Captures, cancellationToken);
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            return new ClosureLayout(fallback, new TypeShape(fallback, context.Length > 0 ? (ulong)context.Length : 8, 8, []) { Opaque = true });
        }

        var name = value.Value.Length > 0 ? value.Value : fallback;
        var references = new List<Reference>();
        foreach (var capture in value.Children)
        {
            if (capture.Addr >= context.Address && capture.Addr < context.Address + (ulong)context.Length)
            {
                // By value: the capture lives in the context.
                var shape = await shapes.GetAsync(capture.Type, capture.Addr, cancellationToken);
                var offset = (int)(capture.Addr - context.Address);
                references.AddRange(shape.References.Select(r => r with { Offset = r.Offset + offset, Name = capture.Name + (r.Name.Length > 0 ? "." + r.Name : "") }));
                continue;
            }

            // By reference: the context holds a pointer to the variable.
            for (var at = 8; at + 8 <= context.Length; at += 8)
            {
                if (context.Word(at) == capture.Addr)
                {
                    references.Add(new Reference(at, ReferenceKind.Pointer, TypeNames.Normalize(capture.Type), "&" + capture.Name));
                    break;
                }
            }
        }

        return new ClosureLayout(name, new TypeShape(name, (ulong)context.Length, 8, references) { Opaque = value.Children.Count == 0 && context.Length > 8 });
    }

    // Without a word that holds the func value, only the function's name can be found.
    private async Task<Variable> NameOnlyAsync(ulong function, CancellationToken cancellationToken)
    {
        var locations = await delve.FindLocationAsync(string.Create(CultureInfo.InvariantCulture, $"*0x{function:x}"), cancellationToken: cancellationToken);
        return new Variable { Value = locations.Count > 0 ? locations[0].Function?.Name ?? "" : "" };
    }
}
