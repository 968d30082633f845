using System.Buffers.Binary;
using System.Text;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// Reads the runtime's type descriptors: name, size and pointer mask, each descriptor once. The
/// descriptor's struct is <c>internal/abi.Type</c> (Go 1.21+) or <c>runtime._type</c>, its fields
/// found by name in either spelling. Names are resolved through the module whose <c>types</c>
/// section holds the descriptor (runtime.resolveNameOff); masks come from <c>GCData</c>, or, for types
/// flagged <c>TFlagGCMaskOnDemand</c> (Go 1.24+) whose mask the runtime has not built yet, are built
/// the way runtime.buildGCMask does, from the array's element or the struct's fields.
/// </summary>
internal sealed class RuntimeTypes
{
    private const int KindMask = 31;
    private const int KindArray = 17;
    private const int KindStruct = 25;
    private const byte TFlagExtraStar = 1 << 1;

    private readonly TargetMemory memory;
    private readonly GoStructLayout type;
    private readonly GoField size;
    private readonly GoField pointerBytes;
    private readonly GoField tflag;
    private readonly GoField kind;
    private readonly GoField gcData;
    private readonly GoField str;
    private readonly long? gcMaskOnDemand;
    private readonly long? gcProgram;
    private readonly ulong inProgress;
    private readonly IReadOnlyList<(ulong Types, ulong End)> modules;
    private readonly GoStructLayout? arrayType;
    private readonly GoStructLayout? structType;
    private readonly GoStructLayout? structField;
    private readonly Dictionary<ulong, Task<RuntimeType>> known = [];

    private RuntimeTypes(TargetMemory memory, GoStructLayout type, IReadOnlyList<(ulong, ulong)> modules, long? gcMaskOnDemand, long? gcProgram, ulong inProgress, GoStructLayout? arrayType, GoStructLayout? structType, GoStructLayout? structField)
    {
        this.memory = memory;
        this.type = type;
        size = type.FieldOf("Size_", "size");
        pointerBytes = type.FieldOf("PtrBytes", "ptrdata");
        tflag = type.FieldOf("TFlag", "tflag");
        kind = type.FieldOf("Kind_", "kind");
        gcData = type.FieldOf("GCData", "gcdata");
        str = type.FieldOf("Str", "str");
        this.modules = modules;
        this.gcMaskOnDemand = gcMaskOnDemand;
        this.gcProgram = gcProgram;
        this.inProgress = inProgress;
        this.arrayType = arrayType;
        this.structType = structType;
        this.structField = structField;
    }

    /// <summary>Learns the descriptor layout and the modules' type sections.</summary>
    public static async Task<RuntimeTypes> CreateAsync(IRuntimeLayout layout, TargetMemory memory, IReadOnlyList<ModuleRange> modules, CancellationToken cancellationToken)
    {
        var typeLayout = await layout.FindStructAsync("internal/abi.Type", cancellationToken)
            ?? await layout.FindStructAsync("runtime._type", cancellationToken)
            ?? throw await layout.MissingAsync("type descriptor struct (internal/abi.Type or runtime._type)", cancellationToken);
        var onDemand = await layout.FindConstantAsync("\"internal/abi\".TFlagGCMaskOnDemand", cancellationToken);
        var program = await layout.FindConstantAsync("runtime.kindGCProg", cancellationToken) ?? await layout.FindConstantAsync("\"internal/abi\".KindGCProg", cancellationToken);
        var sentinel = onDemand is null ? null : await layout.FindGlobalAsync("runtime.inProgress", cancellationToken);
        return new RuntimeTypes(
            memory,
            typeLayout,
            modules.Select(m => (m.Types, m.EndTypes)).ToList(),
            onDemand,
            program,
            sentinel?.Address ?? 0,
            await layout.FindStructAsync("internal/abi.ArrayType", cancellationToken),
            await layout.FindStructAsync("internal/abi.StructType", cancellationToken),
            await layout.FindStructAsync("internal/abi.StructField", cancellationToken));
    }

    /// <summary>The descriptor at <paramref name="address"/>, read once.</summary>
    /// <exception cref="TargetMemoryException">The descriptor cannot be read.</exception>
    public Task<RuntimeType> GetAsync(ulong address, CancellationToken cancellationToken)
    {
        lock (known)
        {
            if (!known.TryGetValue(address, out var task) || task.IsFaulted)
            {
                known[address] = task = ReadAsync(address, cancellationToken);
            }

            return task;
        }
    }

    /// <summary>The descriptor if it has been read already.</summary>
    public RuntimeType? TryGet(ulong address)
    {
        lock (known)
        {
            return known.TryGetValue(address, out var task) && task.IsCompletedSuccessfully ? task.Result : null;
        }
    }

    private async Task<RuntimeType> ReadAsync(ulong address, CancellationToken cancellationToken)
    {
        var bytes = await memory.ReadAsync(address, (int)type.Size, cancellationToken);
        var typeSize = size.Read(bytes);
        var ptrBytes = pointerBytes.Read(bytes);
        var flags = tflag.Read(bytes);
        var kindValue = (int)kind.Read(bytes);
        var name = await NameAsync(address, (int)str.ReadSigned(bytes), (flags & TFlagExtraStar) != 0, cancellationToken);
        var mask = ptrBytes == 0 ? [] : await MaskAsync(address, ptrBytes, flags, kindValue, gcData.Read(bytes), cancellationToken);
        return new RuntimeType(address, name, typeSize, ptrBytes, kindValue & KindMask, mask);
    }

    private async Task<ulong[]> MaskAsync(ulong address, ulong ptrBytes, ulong flags, int kindValue, ulong data, CancellationToken cancellationToken)
    {
        var words = ptrBytes / 8;
        var mask = new ulong[(words + 63) / 64];
        if (gcMaskOnDemand is { } onDemand && (flags & (ulong)onDemand) != 0)
        {
            // GCData is a slot that holds the mask once the runtime has built it (runtime.getGCMaskOnDemand).
            var built = await memory.ReadWordAsync(data, cancellationToken);
            if (built != 0 && built != inProgress)
            {
                await CopyMaskAsync(built, words, mask, 0, cancellationToken);
            }
            else
            {
                await BuildMaskAsync(address, mask, 0, cancellationToken);
            }

            return mask;
        }

        if (gcProgram is { } program && (kindValue & program) != 0)
        {
            throw new RuntimeLayoutException($"the type descriptor at 0x{address:x} holds a GC program, which the heap never stores in a header or span (runtime.heapSetType unrolls them)");
        }

        await CopyMaskAsync(data, words, mask, 0, cancellationToken);
        return mask;
    }

    // Copies a plain mask of `words` bits into `mask` starting at bit `at`.
    private async Task CopyMaskAsync(ulong maskAddress, ulong words, ulong[] mask, ulong at, CancellationToken cancellationToken)
    {
        var bytes = await memory.ReadAsync(maskAddress, (int)((words + 7) / 8), cancellationToken);
        for (var word = 0UL; word < words; word++)
        {
            if ((bytes[word / 8] >> (int)(word % 8) & 1) != 0)
            {
                var bit = at + word;
                mask[bit / 64] |= 1UL << (int)(bit % 64);
            }
        }
    }

    // runtime.buildGCMask: a type without its own mask is an array or a struct of types that have one.
    private async Task BuildMaskAsync(ulong address, ulong[] mask, ulong atWord, CancellationToken cancellationToken)
    {
        var bytes = await memory.ReadAsync(address, (int)Math.Max(type.Size, Math.Max(arrayType?.Size ?? 0, structType?.Size ?? 0)), cancellationToken);
        var flags = tflag.Read(bytes);
        var ptrBytes = pointerBytes.Read(bytes);
        if (ptrBytes == 0)
        {
            return;
        }

        if (gcMaskOnDemand is not { } onDemand || (flags & (ulong)onDemand) == 0)
        {
            await CopyMaskAsync(gcData.Read(bytes), ptrBytes / 8, mask, atWord, cancellationToken);
            return;
        }

        switch ((int)kind.Read(bytes) & KindMask)
        {
            case KindArray when arrayType is not null:
                var element = await GetAsync(arrayType.Field("Elem").Read(bytes), cancellationToken);
                var length = arrayType.Field("Len").Read(bytes);
                for (var i = 0UL; i < length && element.PointerBytes > 0; i++)
                {
                    await BuildMaskAsync(element.Address, mask, atWord + (i * element.Size / 8), cancellationToken);
                }

                break;
            case KindStruct when structType is not null && structField is not null:
                var fields = structType.Field("Fields");
                var array = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)fields.Offset));
                var count = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)fields.Offset + 8));
                var entries = await memory.ReadAsync(array, (int)(count * structField.Size), cancellationToken);
                for (var i = 0; i < (int)count; i++)
                {
                    var entry = entries.AsSpan(i * (int)structField.Size);
                    var fieldType = structField.Field("Typ").Read(entry);
                    var offset = structField.Field("Offset").Read(entry);
                    await BuildMaskAsync(fieldType, mask, atWord + (offset / 8), cancellationToken);
                }

                break;
            default:
                throw new RuntimeLayoutException($"the type descriptor at 0x{address:x} asks for its pointer mask to be built, but is neither an array nor a struct");
        }
    }

    private async Task<string> NameAsync(ulong typeAddress, int offset, bool extraStar, CancellationToken cancellationToken)
    {
        if (offset == 0)
        {
            return "";
        }

        foreach (var (types, end) in modules)
        {
            if (typeAddress < types || typeAddress >= end)
            {
                continue;
            }

            // abi.Name: a flags byte, a varint length, then the bytes.
            var at = types + (ulong)offset;
            var head = await memory.ReadAsync(at, 11, cancellationToken);
            var length = 0;
            var i = 1;
            for (var shift = 0; i < head.Length; i++, shift += 7)
            {
                length |= (head[i] & 0x7f) << shift;
                if ((head[i] & 0x80) == 0)
                {
                    i++;
                    break;
                }
            }

            var text = Encoding.UTF8.GetString(await memory.ReadAsync(at + (ulong)i, length, cancellationToken));
            return extraStar && text.StartsWith('*') ? text[1..] : text;
        }

        // A descriptor outside every module's types section was made up at run time (reflect, a dummy for an unrolled GC program).
        return "";
    }
}
