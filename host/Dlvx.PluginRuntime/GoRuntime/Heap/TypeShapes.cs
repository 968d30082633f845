using System.Collections.Concurrent;
using System.Globalization;
using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Learns each type's shape once. Type literals (<c>*T</c>, <c>[]T</c>, <c>[N]T</c>, <c>map[K]V</c>,
/// <c>chan T</c>, basic types) are decoded from the name alone; a named type costs one Eval of
/// <c>*(*[2]T)(addr)</c>: the two elements' addresses give the size, the first element's fields the offsets.
/// </summary>
/// <remarks>
/// Delve reads only what the load configuration asks for, so the values at the sample address do not
/// matter, only that it is readable; the runtime's bss (<c>runtime.mheap_</c>) is used, and a value's
/// own address where the type is too large for it.
/// </remarks>
internal sealed class TypeShapes(IDelveClient delve, ulong sampleAddress)
{
    private static readonly LoadConfig OneLevel = new() { FollowPointers = false, MaxVariableRecurse = 1, MaxStringLen = 0, MaxArrayValues = 2, MaxStructFields = -1 };

    private static readonly Dictionary<string, ulong> BasicSizes = new(StringComparer.Ordinal)
    {
        ["bool"] = 1, ["int8"] = 1, ["uint8"] = 1, ["byte"] = 1,
        ["int16"] = 2, ["uint16"] = 2,
        ["int32"] = 4, ["uint32"] = 4, ["rune"] = 4, ["float32"] = 4,
        ["int"] = 8, ["uint"] = 8, ["int64"] = 8, ["uint64"] = 8, ["uintptr"] = 8, ["float64"] = 8, ["complex64"] = 8,
        ["complex128"] = 16,
    };

    private readonly ConcurrentDictionary<string, Task<TypeShape>> shapes = new(StringComparer.Ordinal);

    /// <summary>How many Evals learning shapes cost.</summary>
    public int Evals => evals;

    private int evals;

    /// <summary>The shape of <paramref name="typeName"/>; a named type is learned the first time, at <paramref name="valueAddress"/> if the sample is too small.</summary>
    public Task<TypeShape> GetAsync(string typeName, ulong valueAddress, CancellationToken cancellationToken)
    {
        var name = TypeNames.Normalize(typeName);
        return shapes.TryGetValue(name, out var known) ? known : shapes.GetOrAdd(name, n => LearnAsync(n, valueAddress, cancellationToken));
    }

    /// <summary>The shape if already learned.</summary>
    public TypeShape? TryGet(string typeName) =>
        shapes.TryGetValue(TypeNames.Normalize(typeName), out var known) && known.IsCompletedSuccessfully ? known.Result : null;

    private async Task<TypeShape> LearnAsync(string typeName, ulong valueAddress, CancellationToken cancellationToken)
    {
        if (await FromNameAsync(typeName, valueAddress, cancellationToken) is { } literal)
        {
            return literal;
        }

        Variable? pair = null;
        foreach (var address in new[] { sampleAddress, valueAddress }.Where(a => a != 0).Distinct())
        {
            try
            {
                Interlocked.Increment(ref evals);
                pair = await delve.EvalAsync(TypeNames.At("[2]" + typeName, address), EvalScope.Current, OneLevel, cancellationToken);
                if (pair.Children.Count == 2 && pair.Children[0].Unreadable.Length == 0)
                {
                    break;
                }
            }
            catch (DelveException e) when (IsExpressionError(e))
            {
                pair = null;
            }
        }

        if (pair is not { Children.Count: 2 })
        {
            // Delve's expression parser cannot name every type: count its objects, do not type their references.
            return new TypeShape(typeName, 0, 1, []) { Opaque = true };
        }

        var first = pair.Children[0];
        var size = pair.Children[1].Addr - first.Addr;
        var references = new List<Reference>();
        ulong align = 1;
        if (first.Kind == GoKind.Struct)
        {
            for (var i = 0; i < first.Children.Count; i++)
            {
                var field = first.Children[i];
                var offset = (int)(field.Addr - first.Addr);
                var gap = (i + 1 < first.Children.Count ? first.Children[i + 1].Addr - first.Addr : size) - (ulong)offset;
                if (field.Kind is GoKind.Struct or GoKind.Array)
                {
                    // Nested aggregates: their own shape, learned at the field's address.
                    var nested = await GetAsync(Composite(field, "["), field.Addr, cancellationToken);
                    align = Math.Max(align, nested.Align);
                    references.AddRange(nested.References.Select(r => r with { Offset = r.Offset + offset, Name = Join(field.Name, r.Name) }));
                }
                else
                {
                    // A named scalar's width is not in Delve's answer: the gap to the next field bounds it,
                    // and padding only ever pads up to an alignment the struct has anyway.
                    align = Math.Max(align, ScalarSizes.AlignmentOf(ScalarSizes.Of(TypeNames.Normalize(field.Type), field.Kind) ?? gap));
                    AddScalarReference(field, offset, field.Name, references);
                }
            }
        }
        else if (first.Kind == GoKind.Array)
        {
            // A named array type: its underlying [N]T says what the elements are; Delve may print the
            // named type for both, then the first element's type does.
            var underlying = Composite(first, "[");
            if (!underlying.StartsWith('[') && first.Children.Count > 0)
            {
                underlying = TypeNames.Array((ulong)first.Len, first.Children[0].Type);
            }

            if (underlying.StartsWith('[') && !string.Equals(underlying, typeName, StringComparison.Ordinal))
            {
                return (await GetAsync(underlying, first.Addr, cancellationToken)) with { Name = typeName };
            }

            return new TypeShape(typeName, size, 8, []) { Opaque = true };
        }
        else
        {
            align = ScalarSizes.AlignmentOf(ScalarSizes.Of(TypeNames.Normalize(first.Type), first.Kind) ?? size);
            AddScalarReference(first, 0, "", references);
        }

        return new TypeShape(typeName, size, align, references);
    }

    // Type literals need no Eval: their layout is the language's.
    private async Task<TypeShape?> FromNameAsync(string name, ulong valueAddress, CancellationToken cancellationToken)
    {
        if (BasicSizes.TryGetValue(name, out var size))
        {
            return new TypeShape(name, size, size == 16 ? 8 : size, []);
        }

        if (name == "unsafe.Pointer")
        {
            return new TypeShape(name, 8, 8, [new Reference(0, ReferenceKind.UnsafePointer, "")]);
        }

        if (name.StartsWith('*'))
        {
            return new TypeShape(name, 8, 8, [new Reference(0, ReferenceKind.Pointer, name[1..])]);
        }

        if (name.StartsWith("[]", StringComparison.Ordinal))
        {
            return new TypeShape(name, 24, 8, [new Reference(0, ReferenceKind.Slice, name[2..])]);
        }

        if (name == "string")
        {
            return new TypeShape(name, 16, 8, [new Reference(0, ReferenceKind.String, "uint8")]);
        }

        if (name.StartsWith("map[", StringComparison.Ordinal))
        {
            return new TypeShape(name, 8, 8, [new Reference(0, ReferenceKind.Map, name)]);
        }

        if (name.StartsWith("chan ", StringComparison.Ordinal) || name.StartsWith("<-chan ", StringComparison.Ordinal) || name.StartsWith("chan<- ", StringComparison.Ordinal))
        {
            return new TypeShape(name, 8, 8, [new Reference(0, ReferenceKind.Chan, name)]);
        }

        if (name.StartsWith("func(", StringComparison.Ordinal))
        {
            return new TypeShape(name, 8, 8, [new Reference(0, ReferenceKind.Func, name)]);
        }

        if (name.StartsWith('[') && name.IndexOf(']', StringComparison.Ordinal) is var close and > 1
            && ulong.TryParse(name.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            var element = await GetAsync(name[(close + 1)..], valueAddress, cancellationToken);
            return new TypeShape(name, count * element.Size, element.Align, element.References.Count == 0 || count == 0 ? [] : [new Reference(0, ReferenceKind.Array, element.Name, "", count, element)])
            {
                Opaque = element.Opaque,
            };
        }

        return null;
    }

    private static void AddScalarReference(Variable value, int offset, string name, List<Reference> references)
    {
        switch (value.Kind)
        {
            case GoKind.Pointer when Composite(value, "*") is ['*', ..] pointer:
                references.Add(new Reference(offset, ReferenceKind.Pointer, pointer[1..], name));
                break;
            case GoKind.Pointer:
                references.Add(new Reference(offset, ReferenceKind.UnsafePointer, "", name));
                break;
            case GoKind.Slice when Composite(value, "[]") is ['[', ']', ..] slice:
                references.Add(new Reference(offset, ReferenceKind.Slice, slice[2..], name));
                break;
            case GoKind.String:
                references.Add(new Reference(offset, ReferenceKind.String, "uint8", name));
                break;
            case GoKind.Interface:
                references.Add(new Reference(offset, ReferenceKind.Interface, TypeNames.Normalize(value.Type), name));
                break;
            case GoKind.Map:
                references.Add(new Reference(offset, ReferenceKind.Map, Composite(value, "map["), name));
                break;
            case GoKind.Chan:
                references.Add(new Reference(offset, ReferenceKind.Chan, Composite(value, "chan"), name));
                break;
            case GoKind.Func:
                references.Add(new Reference(offset, ReferenceKind.Func, TypeNames.Normalize(value.Type), name));
                break;
            case GoKind.UnsafePointer:
                references.Add(new Reference(offset, ReferenceKind.UnsafePointer, "", name));
                break;
            default:
                // Scalars hold no references. A uintptr is not one either: the collector ignores it too.
                break;
        }
    }

    private static string Join(string outer, string inner) => inner.Length == 0 ? outer : outer + "." + inner;

    // A named type (math/big.nat) is spelled by its underlying type literal ([]math/big.Word) when that is what the walk must parse.
    private static string Composite(Variable value, string prefix) =>
        TypeNames.Normalize(value.Type.StartsWith(prefix, StringComparison.Ordinal) || !value.RealType.StartsWith(prefix, StringComparison.Ordinal) ? value.Type : value.RealType);

    private static bool IsExpressionError(DelveException e) => e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException;
}
