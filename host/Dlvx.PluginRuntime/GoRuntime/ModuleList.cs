using System.Buffers.Binary;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>The target's modules (runtime.firstmoduledata and its <c>next</c> chain): the program's, then any plugin's.</summary>
internal static class ModuleList
{
    public static async Task<IReadOnlyList<ModuleRange>> ReadAsync(IRuntimeLayout layout, TargetMemory memory, CancellationToken cancellationToken)
    {
        var moduledata = await layout.GetStructAsync("runtime.moduledata", cancellationToken);
        var bitvector = await layout.GetStructAsync("runtime.bitvector", cancellationToken);
        var first = await layout.GetGlobalAsync("runtime.firstmoduledata", cancellationToken);
        var modules = new List<ModuleRange>();
        var seen = new HashSet<ulong>();
        for (var address = first.Address; address != 0 && seen.Add(address);)
        {
            var bytes = await memory.ReadAsync(address, (int)moduledata.Size, cancellationToken);
            modules.Add(new ModuleRange(
                Read("data"), Read("edata"), Read("bss"), Read("ebss"),
                await MaskAsync("gcdatamask"), await MaskAsync("gcbssmask"),
                Read("types"), Read("etypes"), Read("noptrdata"), Read("enoptrbss")));
            address = Read("next");

            ulong Read(string field) => moduledata.Field(field).Read(bytes);

            async Task<byte[]> MaskAsync(string field)
            {
                var at = (int)moduledata.Field(field).Offset;
                var bits = (long)bitvector.Field("n").ReadSigned(bytes.AsSpan(at));
                var data = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at + (int)bitvector.Field("bytedata").Offset));
                return bits <= 0 || data == 0 ? [] : await memory.ReadAsync(data, (int)((bits + 7) / 8), cancellationToken);
            }
        }

        return modules;
    }
}
