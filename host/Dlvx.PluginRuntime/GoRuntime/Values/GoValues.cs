using Dlvx.PluginRuntime.GoRuntime.Heap;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Values;

/// <summary>The typed-value service a command sees: types learned once per process, bytes read from this stop's memory.</summary>
internal sealed class GoValues(StopView view) : IGoValues
{
    private static readonly LoadConfig Bare = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };

    private InterfaceTypes? interfaces;

    public async Task<GoValue> EvalAsync(string expression, EvalScope? scope = null, CancellationToken cancellationToken = default)
    {
        var variable = await view.Delve.EvalAsync(expression, scope ?? EvalScope.Current, Bare, cancellationToken);
        if (variable.Addr == 0)
        {
            throw new GoValueException($"{expression} has no address to read it at (a constant or a value Delve computed)");
        }

        return await ReadAsync(variable.Type, variable.Addr, cancellationToken);
    }

    public async Task<GoValue> ReadAsync(string typeName, ulong address, CancellationToken cancellationToken = default)
    {
        var type = await TypeAsync(typeName, cancellationToken);
        var memory = await view.MemoryAsync(cancellationToken);
        var bytes = type.Size == 0 ? [] : await memory.ReadAsync(address, (int)type.Size, cancellationToken);
        return new GoValue(type, address, bytes, this, view.Memory);
    }

    public async Task<IReadOnlyList<GoValue>> ReadManyAsync(string typeName, IReadOnlyList<ulong> addresses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var type = await TypeAsync(typeName, cancellationToken);
        var memory = await view.MemoryAsync(cancellationToken);
        var all = await memory.ReadManyAsync(addresses.Select(a => new MemoryRange(a, (int)type.Size)).ToList(), cancellationToken);
        var result = new List<GoValue>(addresses.Count);
        for (var i = 0; i < addresses.Count; i++)
        {
            result.Add(new GoValue(type, addresses[i], all[i] ?? throw new TargetMemoryException($"cannot read {type.Name} at 0x{addresses[i]:x}"), this, view.Memory));
        }

        return result;
    }

    public async Task<GoType> TypeAsync(string typeName, CancellationToken cancellationToken = default) =>
        await (await view.TypeCatalogAsync(cancellationToken)).GetAsync(typeName, cancellationToken);

    public async Task<GoValue?> DynamicValueAsync(GoValue value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Type.Kind != GoKind.Interface || value.IsNil)
        {
            return null;
        }

        var typeWord = BitConverter.ToUInt64(value.Bytes.Span);
        var data = BitConverter.ToUInt64(value.Bytes.Span[8..]);
        interfaces ??= new InterfaceTypes(view.Delve);
        var dynamic = await interfaces.ResolveAsync(value.Type.Name, value.Address, typeWord, cancellationToken)
            ?? throw new GoValueException($"cannot tell the dynamic type of the {value.Type.Name} at 0x{value.Address:x}");

        // A pointer-shaped value is the data word itself; any other is boxed where the data word points.
        return await ReadAsync(dynamic.Name, dynamic.Direct ? value.Address + 8 : data, cancellationToken);
    }

    public async Task<string> RuntimeTypeNameAsync(ulong typeDescriptor, CancellationToken cancellationToken = default) =>
        (await (await view.TypesAsync(cancellationToken)).GetAsync(typeDescriptor, cancellationToken)).Name;
}
