using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Learns each type's shape once. Type literals (<c>*T</c>, <c>[]T</c>, <c>[N]T</c>, <c>map[K]V</c>,
/// basic types) are decoded from the name alone; a named type costs one Eval of <c>*(*[2]T)(addr)</c> at a
/// real value: the two elements' addresses give the size, the first element's fields give the offsets.
/// </summary>
internal sealed partial class TypeShapes(IDelveClient delve)
{
    private static readonly LoadConfig OneLevel = new() { FollowPointers = false, MaxVariableRecurse = 1, MaxStringLen = 0, MaxArrayValues = 2, MaxStructFields = -1 };

    private static readonly Dictionary<string, ulong> BasicSizes = new(StringComparer.Ordinal)
    {
        ["bool"] = 1, ["int8"] = 1, ["uint8"] = 1, ["byte"] = 1,
        ["int16"] = 2, ["uint16"] = 2,
        ["int32"] = 4, ["uint32"] = 4, ["rune"] = 4, ["float32"] = 4,
        ["int"] = 8, ["uint"] = 8, ["int64"] = 8, ["uint64"] = 8, ["uintptr"] = 8, ["float64"] = 8, ["complex64"] = 8,
        ["complex128"] = 16, ["unsafe.Pointer"] = 8,
    };

    private readonly ConcurrentDictionary<string, Task<TypeShape>> shapes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ulong, Task<DynamicType?>> dynamicTypes = new();

    /// <summary>Types whose layout Delve could not give (anonymous structs, generics...): their objects are counted but not scanned.</summary>
    public ConcurrentDictionary<string, bool> Unscanned { get; } = new(StringComparer.Ordinal);

    /// <summary>How many Evals shapes and dynamic types cost.</summary>
    public int Evals => evals;

    private int evals;

    /// <summary>The shape of <paramref name="typeName"/>; a named type is learned at <paramref name="sampleAddress"/> the first time.</summary>
    public Task<TypeShape> GetAsync(string typeName, ulong sampleAddress, CancellationToken cancellationToken)
    {
        var name = Normalize(typeName);
        return shapes.TryGetValue(name, out var known) ? known : shapes.GetOrAdd(name, n => LearnAsync(n, sampleAddress, cancellationToken));
    }

    /// <summary>The dynamic type behind an interface's type word (itab or _type pointer), learned once per type word.</summary>
    public Task<DynamicType?> DynamicTypeAsync(string interfaceType, ulong interfaceAddress, ulong typeWord, CancellationToken cancellationToken) =>
        dynamicTypes.TryGetValue(typeWord, out var known) ? known : dynamicTypes.GetOrAdd(typeWord, async _ =>
        {
            Interlocked.Increment(ref evals);
            Variable value;
            try
            {
                value = await delve.EvalAsync(string.Create(CultureInfo.InvariantCulture, $"*(*{Quoted(Normalize(interfaceType))})({interfaceAddress})"), EvalScope.Current, OneLevel, cancellationToken);
            }
            catch (DelveException e) when (IsExpressionError(e))
            {
                return null;
            }

            return value.Children.Count > 0 && value.Children[0].Type.Length > 0 ? new DynamicType(Normalize(value.Children[0].Type), IsDirect(value.Children[0])) : null;
        });

    /// <summary>Delve prints some struct types as <c>struct main.item</c>; casts need the bare name (struct literals keep theirs).</summary>
    public static string Normalize(string typeName) =>
        typeName.Contains("struct ", StringComparison.Ordinal) ? StructPrefix().Replace(typeName, "") : typeName;

    /// <summary>
    /// A type as a quoted string, which Delve looks up verbatim (bininfo.go's findTypeExpr, which also
    /// makes up <c>[N]T</c> array types on demand): its expression parser cannot spell package paths with a
    /// slash (<c>internal/poll.FD</c>) or struct literals as types.
    /// </summary>
    public static string Quoted(string typeName) =>
        "\"" + typeName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"struct (?!\{)")]
    private static partial Regex StructPrefix();


    public static string ArrayName(ulong count, string elementType) => string.Create(CultureInfo.InvariantCulture, $"[{count}]{Normalize(elementType)}");

    private async Task<TypeShape> LearnAsync(string typeName, ulong sampleAddress, CancellationToken cancellationToken)
    {
        if (await FromNameAsync(typeName, sampleAddress, cancellationToken) is { } literal)
        {
            return literal;
        }

        Variable pair;
        try
        {
            Interlocked.Increment(ref evals);
            pair = await delve.EvalAsync(string.Create(CultureInfo.InvariantCulture, $"*(*{Quoted("[2]" + typeName)})({sampleAddress})"), EvalScope.Current, OneLevel, cancellationToken);
        }
        catch (DelveException e) when (IsExpressionError(e))
        {
            // Delve's expression parser cannot name every type (for example struct literals): count, don't scan.
            Unscanned.TryAdd(typeName, true);
            return new TypeShape(typeName, 0, []);
        }

        if (pair.Children.Count < 2)
        {
            Unscanned.TryAdd(typeName, true);
            return new TypeShape(typeName, 0, []);
        }

        var first = pair.Children[0];
        var size = pair.Children[1].Addr - first.Addr;
        var references = new List<Reference>();
        if (first.Kind == GoKind.Struct)
        {
            foreach (var field in first.Children)
            {
                var offset = (int)(field.Addr - first.Addr);
                if (field.Kind is GoKind.Struct or GoKind.Array)
                {
                    // Nested aggregates: their own shape, learned at the field's address.
                    var nested = await GetAsync(Composite(field, "["), field.Addr, cancellationToken);
                    references.AddRange(nested.References.Select(r => r with { Offset = r.Offset + offset }));
                }
                else
                {
                    AddScalarReference(field, offset, references);
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
                underlying = ArrayName((ulong)first.Len, first.Children[0].Type);
            }

            if (underlying.StartsWith('[') && !string.Equals(underlying, typeName, StringComparison.Ordinal))
            {
                return (await GetAsync(underlying, first.Addr, cancellationToken)) with { Name = typeName };
            }

            Unscanned.TryAdd(typeName, true);
        }
        else
        {
            AddScalarReference(first, 0, references);
        }

        return new TypeShape(typeName, size, references);
    }

    // Type literals need no Eval: their layout is the language's.
    private async Task<TypeShape?> FromNameAsync(string name, ulong sampleAddress, CancellationToken cancellationToken)
    {
        if (BasicSizes.TryGetValue(name, out var size))
        {
            return new TypeShape(name, size, []);
        }

        if (name.StartsWith('*'))
        {
            return new TypeShape(name, 8, [new Reference(0, ReferenceKind.Pointer, name[1..])]);
        }

        if (name.StartsWith("[]", StringComparison.Ordinal))
        {
            return new TypeShape(name, 24, [new Reference(0, ReferenceKind.Slice, name[2..])]);
        }

        if (name == "string")
        {
            return new TypeShape(name, 16, [new Reference(0, ReferenceKind.String, "uint8")]);
        }

        if (name.StartsWith("map[", StringComparison.Ordinal))
        {
            return new TypeShape(name, 8, [new Reference(0, ReferenceKind.Map, name)]);
        }

        if (name.StartsWith("chan ", StringComparison.Ordinal) || name.StartsWith("<-chan ", StringComparison.Ordinal) || name.StartsWith("func(", StringComparison.Ordinal))
        {
            // Not followed: a channel's buffer and a closure's captures have no type Delve can name.
            return new TypeShape(name, 8, []);
        }

        if (name.StartsWith('[') && name.IndexOf(']', StringComparison.Ordinal) is var close and > 1
            && ulong.TryParse(name.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            var element = await GetAsync(name[(close + 1)..], sampleAddress, cancellationToken);
            return new TypeShape(name, count * element.Size, element.References.Count == 0 || count == 0 ? [] : [new Reference(0, ReferenceKind.Array, element.Name, count, element)]);
        }

        return null;
    }

    private static void AddScalarReference(Variable value, int offset, List<Reference> references)
    {
        switch (value.Kind)
        {
            case GoKind.Pointer when Composite(value, "*") is ['*', ..] pointer:
                references.Add(new Reference(offset, ReferenceKind.Pointer, pointer[1..]));
                break;
            case GoKind.Slice when Composite(value, "[]") is ['[', ']', ..] slice:
                references.Add(new Reference(offset, ReferenceKind.Slice, slice[2..]));
                break;
            case GoKind.String:
                references.Add(new Reference(offset, ReferenceKind.String, "uint8"));
                break;
            case GoKind.Interface:
                references.Add(new Reference(offset, ReferenceKind.Interface, Normalize(value.Type)));
                break;
            case GoKind.Map when Composite(value, "map[") is var map && map.StartsWith("map[", StringComparison.Ordinal):
                references.Add(new Reference(offset, ReferenceKind.Map, map));
                break;
            default:
                // Scalars hold no references; chans, funcs and unsafe.Pointers are not followed (their targets' types are unknown).
                break;
        }
    }

    // A named type (math/big.nat) is spelled by its underlying type literal ([]math/big.Word) when that is what the walk must parse.
    private static string Composite(Variable value, string prefix) =>
        Normalize(value.Type.StartsWith(prefix, StringComparison.Ordinal) || !value.RealType.StartsWith(prefix, StringComparison.Ordinal) ? value.Type : value.RealType);

    private static bool IsDirect(Variable value) => value.Kind switch
    {
        GoKind.Pointer or GoKind.Map or GoKind.Chan or GoKind.Func or GoKind.UnsafePointer => true,
        GoKind.Struct => value.Children.Count == 1 && IsDirect(value.Children[0]),
        GoKind.Array => value.Len == 1 && value.Children.Count == 1 && IsDirect(value.Children[0]),
        _ => false,
    };

    private static bool IsExpressionError(DelveException e) => e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException;
}
