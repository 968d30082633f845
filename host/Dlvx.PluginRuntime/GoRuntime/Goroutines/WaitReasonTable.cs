using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Goroutines;

/// <summary>
/// The target's own wait-reason names (<c>runtime.waitReasonStrings</c>): the numbers change between
/// Go releases (1.26 reordered them all), the table is what the runtime itself prints.
/// </summary>
internal sealed class WaitReasonTable(IReadOnlyList<string> names)
{
    public static async Task<WaitReasonTable> ReadAsync(IRuntimeLayout layout, ITargetMemory memory, CancellationToken cancellationToken)
    {
        var table = await layout.GetGlobalAsync("runtime.waitReasonStrings", cancellationToken);
        if (!table.TypeName.StartsWith('[') || !int.TryParse(table.TypeName.AsSpan(1, table.TypeName.IndexOf(']', StringComparison.Ordinal) - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw await layout.MissingAsync($"array runtime.waitReasonStrings (it is {table.TypeName})", cancellationToken);
        }

        var headers = await memory.ReadAsync(table.Address, count * 16, cancellationToken);
        var strings = await memory.ReadManyAsync(
            Enumerable.Range(0, count).Select(i => new MemoryRange(BinaryPrimitives.ReadUInt64LittleEndian(headers.AsSpan(i * 16)), (int)BinaryPrimitives.ReadUInt64LittleEndian(headers.AsSpan((i * 16) + 8)))).ToList(),
            cancellationToken);
        return new WaitReasonTable(strings.Select(s => s is null ? "" : Encoding.UTF8.GetString(s)).ToList());
    }

    /// <summary>The name of reason <paramref name="index"/>, or its number when the table has none.</summary>
    public string Name(int index) => index >= 0 && index < names.Count && names[index].Length > 0 ? names[index] : $"wait reason {index}";
}
