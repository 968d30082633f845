using System.Collections.Concurrent;
using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Resolves an interface's dynamic type, once per type word (an itab or a type descriptor): Delve maps
/// the runtime's descriptor to the DWARF type when it evaluates the interface value in place.
/// </summary>
internal sealed class InterfaceTypes(IDelveClient delve)
{
    private static readonly LoadConfig OneLevel = new() { FollowPointers = false, MaxVariableRecurse = 1, MaxStringLen = 0, MaxArrayValues = 2, MaxStructFields = -1 };

    private readonly ConcurrentDictionary<ulong, Task<DynamicType?>> known = new();

    /// <summary>How many Evals resolving types cost.</summary>
    public int Evals => evals;

    private int evals;

    /// <summary>The dynamic type of the interface of static type <paramref name="interfaceType"/> at <paramref name="interfaceAddress"/>, whose type word is <paramref name="typeWord"/>.</summary>
    public Task<DynamicType?> ResolveAsync(string interfaceType, ulong interfaceAddress, ulong typeWord, CancellationToken cancellationToken) =>
        known.TryGetValue(typeWord, out var task) ? task : known.GetOrAdd(typeWord, _ => LearnAsync(interfaceType, interfaceAddress, cancellationToken));

    private async Task<DynamicType?> LearnAsync(string interfaceType, ulong interfaceAddress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref evals);
        Variable value;
        try
        {
            value = await delve.EvalAsync(TypeNames.At(interfaceType, interfaceAddress), EvalScope.Current, OneLevel, cancellationToken);
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            return null;
        }

        return value.Children.Count > 0 && value.Children[0].Type.Length > 0 ? new DynamicType(TypeNames.Normalize(value.Children[0].Type), IsDirect(value.Children[0])) : null;
    }

    private static bool IsDirect(Variable value) => value.Kind switch
    {
        GoKind.Pointer or GoKind.Map or GoKind.Chan or GoKind.Func or GoKind.UnsafePointer => true,
        GoKind.Struct => value.Children.Count == 1 && IsDirect(value.Children[0]),
        GoKind.Array => value.Len == 1 && value.Children.Count == 1 && IsDirect(value.Children[0]),
        _ => false,
    };
}
