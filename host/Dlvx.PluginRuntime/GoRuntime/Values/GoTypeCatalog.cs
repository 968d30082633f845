using System.Collections.Concurrent;
using System.Globalization;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Values;

/// <summary>
/// Learns Go types by name, once per target process. Type literals (<c>*T</c>, <c>[]T</c>,
/// <c>[N]T</c>, <c>map[K]V</c>, <c>chan T</c>, basic types) are laid out by the language's rules; a
/// named or struct type costs one Eval of <c>*(*[2]T)(addr)</c> (the second element's address gives
/// the size, the first element's fields their offsets and types).
/// </summary>
internal sealed class GoTypeCatalog(IDelveClient delve, DelveRuntimeLayout layout)
{
    private static readonly LoadConfig FieldsOnly = new() { FollowPointers = false, MaxVariableRecurse = 1, MaxStringLen = 0, MaxArrayValues = 2, MaxStructFields = -1 };

    private static readonly Dictionary<string, (GoKind Kind, ulong Size)> Basic = new(StringComparer.Ordinal)
    {
        ["bool"] = (GoKind.Bool, 1), ["int8"] = (GoKind.Int8, 1), ["uint8"] = (GoKind.Uint8, 1), ["byte"] = (GoKind.Uint8, 1),
        ["int16"] = (GoKind.Int16, 2), ["uint16"] = (GoKind.Uint16, 2),
        ["int32"] = (GoKind.Int32, 4), ["uint32"] = (GoKind.Uint32, 4), ["rune"] = (GoKind.Int32, 4), ["float32"] = (GoKind.Float32, 4),
        ["int"] = (GoKind.Int, 8), ["uint"] = (GoKind.Uint, 8), ["int64"] = (GoKind.Int64, 8), ["uint64"] = (GoKind.Uint64, 8),
        ["uintptr"] = (GoKind.Uintptr, 8), ["float64"] = (GoKind.Float64, 8), ["complex64"] = (GoKind.Complex64, 8),
        ["complex128"] = (GoKind.Complex128, 16), ["string"] = (GoKind.String, 16), ["unsafe.Pointer"] = (GoKind.UnsafePointer, 8),
    };

    private readonly ConcurrentDictionary<string, Task<GoType>> known = new(StringComparer.Ordinal);

    /// <summary>The type of that name.</summary>
    /// <exception cref="RuntimeLayoutException">The target has no such type.</exception>
    public Task<GoType> GetAsync(string typeName, CancellationToken cancellationToken)
    {
        var name = TypeNames.Normalize(typeName.Trim());
        if (known.TryGetValue(name, out var task) && !task.IsFaulted)
        {
            return task.WaitAsync(cancellationToken);
        }

        return known.AddOrUpdate(name, n => LearnAsync(n), (n, old) => old.IsFaulted ? LearnAsync(n) : old).WaitAsync(cancellationToken);
    }

    private async Task<GoType> LearnAsync(string name)
    {
        if (Basic.TryGetValue(name, out var basic))
        {
            return new GoType(name, basic.Kind, basic.Size);
        }

        if (name.StartsWith('*'))
        {
            return new GoType(name, GoKind.Pointer, 8, elementTypeName: name[1..]);
        }

        if (name.StartsWith("[]", StringComparison.Ordinal))
        {
            return new GoType(name, GoKind.Slice, 24, elementTypeName: name[2..]);
        }

        if (name.StartsWith('[') && name.IndexOf(']', StringComparison.Ordinal) is var close and > 1
            && long.TryParse(name.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            var element = await LearnAsync(name[(close + 1)..]);
            return new GoType(name, GoKind.Array, (ulong)length * element.Size, elementTypeName: element.Name, length: length, element: element);
        }

        if (name.StartsWith("map[", StringComparison.Ordinal) && MapKeyAndValue(name) is [var key, var value])
        {
            return new GoType(name, GoKind.Map, 8, elementTypeName: value, keyTypeName: key);
        }

        foreach (var prefix in new[] { "chan<- ", "<-chan ", "chan " })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return new GoType(name, GoKind.Chan, 8, elementTypeName: name[prefix.Length..]);
            }
        }

        if (name.StartsWith("func(", StringComparison.Ordinal))
        {
            return new GoType(name, GoKind.Func, 8);
        }

        if (name.StartsWith("interface {", StringComparison.Ordinal) || name == "error" || name == "any")
        {
            return new GoType(name, GoKind.Interface, 16);
        }

        return await LearnNamedAsync(name);
    }

    private async Task<GoType> LearnNamedAsync(string name)
    {
        var sample = (await layout.GetGlobalAsync("runtime.mheap_", CancellationToken.None)).Address;
        Variable pair;
        try
        {
            pair = await delve.EvalAsync(TypeNames.At("[2]" + name, sample), EvalScope.Current, FieldsOnly, CancellationToken.None);
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            throw await layout.MissingAsync("type " + name, CancellationToken.None);
        }

        if (pair.Children.Count != 2)
        {
            throw await layout.MissingAsync("type " + name, CancellationToken.None);
        }

        var first = pair.Children[0];
        var size = pair.Children[1].Addr - first.Addr;
        if (first.Kind == GoKind.Struct)
        {
            var fields = new List<GoTypeField>(first.Children.Count);
            foreach (var field in first.Children)
            {
                fields.Add(new GoTypeField(field.Name, field.Addr - first.Addr, await FieldTypeAsync(field)));
            }

            return new GoType(name, GoKind.Struct, size, fields);
        }

        // A named non-struct type is laid out as its underlying type (Delve's realType names it).
        var underlyingName = TypeNames.Normalize(first.RealType);
        if (underlyingName.Length > 0 && underlyingName != name)
        {
            var underlying = await LearnAsync(underlyingName);
            return new GoType(name, underlying.Kind, size, underlying.Fields, underlying.ElementTypeName, underlying.KeyTypeName, underlying.Length, underlying.Element);
        }

        return new GoType(name, first.Kind, size);
    }

    // A field's type by name; a named integer Delve reports as plain int or uint gets its width from its size.
    private async Task<GoType> FieldTypeAsync(Variable field)
    {
        var name = TypeNames.Normalize(field.Type);
        try
        {
            return await GetAsync(name, CancellationToken.None);
        }
        catch (RuntimeLayoutException)
        {
            // Some types Delve prints cannot be looked up again by that name: keep the kind, measure nothing.
            return new GoType(name, field.Kind, ScalarSizes.Of(name, field.Kind) ?? 0);
        }
    }

    // "map[K]V" -> [K, V], minding brackets inside K.
    private static string[] MapKeyAndValue(string mapType)
    {
        var depth = 0;
        for (var i = 3; i < mapType.Length; i++)
        {
            depth += mapType[i] == '[' ? 1 : mapType[i] == ']' ? -1 : 0;
            if (depth == 0)
            {
                return [mapType[4..i], mapType[(i + 1)..]];
            }
        }

        return [];
    }
}
