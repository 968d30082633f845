using System.Collections.Concurrent;
using System.Globalization;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Learns each type's shape once, from one Eval of <c>*(*[2]T)(addr)</c> at a real value: the two
/// elements' addresses give the size, the first element's fields give the offsets.
/// </summary>
internal sealed class TypeShapes(IDelveClient delve)
{
    private static readonly LoadConfig OneLevel = new() { FollowPointers = false, MaxVariableRecurse = 1, MaxStringLen = 0, MaxArrayValues = 2, MaxStructFields = -1 };
    // Arrays embedded in values are expanded into per-element references; beyond this they are not scanned.
    private const long MaxExpandedArray = 1 << 16;

    private readonly ConcurrentDictionary<string, Task<TypeShape>> shapes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ulong, Task<string?>> dynamicTypes = new();

    /// <summary>The shape of <paramref name="typeName"/>, learned at <paramref name="sampleAddress"/> the first time.</summary>
    public Task<TypeShape> GetAsync(string typeName, ulong sampleAddress, CancellationToken cancellationToken) =>
        shapes.GetOrAdd(Normalize(typeName), name => LearnAsync(name, sampleAddress, cancellationToken));

    /// <summary>The dynamic type behind an interface's type word, learned once per type word.</summary>
    public Task<string?> DynamicTypeAsync(string interfaceType, ulong interfaceAddress, ulong typeWord, CancellationToken cancellationToken) =>
        dynamicTypes.GetOrAdd(typeWord, async _ =>
        {
            var value = await delve.EvalAsync($"*(*{Normalize(interfaceType)})({interfaceAddress})", EvalScope.Current, OneLevel, cancellationToken);
            return value.Children.Count > 0 && value.Children[0].Type.Length > 0 ? Normalize(value.Children[0].Type) : null;
        });

    /// <summary>Types whose layout Delve could not give (anonymous structs, generics...): their objects are counted but not scanned.</summary>
    public ConcurrentDictionary<string, bool> Unscanned { get; } = new(StringComparer.Ordinal);

    private async Task<TypeShape> LearnAsync(string typeName, ulong sampleAddress, CancellationToken cancellationToken)
    {
        Variable pair;
        try
        {
            pair = await delve.EvalAsync($"*(*[2]{typeName})({sampleAddress})", EvalScope.Current, OneLevel, cancellationToken);
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            // Delve's expression parser cannot name every type (for example struct literals): count, don't scan.
            Unscanned.TryAdd(typeName, true);
            return new TypeShape(typeName, 0, []);
        }

        if (pair.Children.Count < 2)
        {
            return new TypeShape(typeName, 0, []);
        }

        var first = pair.Children[0];
        var size = pair.Children[1].Addr - first.Addr;
        var references = new List<Reference>();
        await AddReferencesAsync(first, 0, references, cancellationToken);
        return new TypeShape(typeName, size, references);
    }

    private async Task AddReferencesAsync(Variable value, int offset, List<Reference> references, CancellationToken cancellationToken)
    {
        var type = Normalize(value.Type);
        switch (value.Kind)
        {
            case GoKind.Pointer:
                references.Add(new Reference(offset, ReferenceKind.Pointer, type[1..]));
                break;
            case GoKind.Slice:
                references.Add(new Reference(offset, ReferenceKind.Slice, type[2..]));
                break;
            case GoKind.String:
                references.Add(new Reference(offset, ReferenceKind.String, "uint8"));
                break;
            case GoKind.Interface:
                references.Add(new Reference(offset, ReferenceKind.Interface, type));
                break;
            case GoKind.Map:
                references.Add(new Reference(offset, ReferenceKind.Map, type));
                break;
            case GoKind.Struct:
                foreach (var field in value.Children)
                {
                    if (field.Kind is GoKind.Struct or GoKind.Array)
                    {
                        // Nested aggregates: their own shape, learned at the field's address.
                        var nested = await GetAsync(field.Type, field.Addr, cancellationToken);
                        var fieldOffset = offset + (int)(field.Addr - value.Addr);
                        references.AddRange(nested.References.Select(r => r with { Offset = r.Offset + fieldOffset }));
                    }
                    else
                    {
                        await AddReferencesAsync(field, offset + (int)(field.Addr - value.Addr), references, cancellationToken);
                    }
                }

                break;
            case GoKind.Array when value.Len > 0:
                // Elements may not be loaded at this depth; the type name says what they are.
                var element = await GetAsync(type[(type.IndexOf(']', StringComparison.Ordinal) + 1)..], value.Addr, cancellationToken);
                if (element.References.Count > 0 && value.Len <= MaxExpandedArray)
                {
                    for (var i = 0L; i < value.Len; i++)
                    {
                        var elementOffset = offset + (int)((ulong)i * element.Size);
                        references.AddRange(element.References.Select(r => r with { Offset = r.Offset + elementOffset }));
                    }
                }

                break;
            default:
                // Scalars hold no references; chans, funcs and unsafe.Pointers are not followed (their targets' types are unknown).
                break;
        }
    }

    /// <summary>Delve prints some struct types as <c>struct main.item</c>; casts need the bare name.</summary>
    public static string Normalize(string typeName) =>
        typeName.Replace("struct ", "", StringComparison.Ordinal);

    public static string ArrayName(ulong count, string elementType) => string.Create(CultureInfo.InvariantCulture, $"[{count}]{Normalize(elementType)}");
}
