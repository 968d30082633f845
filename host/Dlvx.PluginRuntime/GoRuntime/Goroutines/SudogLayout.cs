using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Goroutines;

/// <summary>
/// Where a <c>runtime.sudog</c>'s fields are. Go 1.26 wraps <c>elem</c> and <c>c</c> in
/// <c>maybeTraceablePtr</c> ({vp, vu}: the pointer the collector may be told to ignore, and the
/// address as an integer, which is the truth), so the offset of the address is looked up, not assumed.
/// </summary>
internal sealed record SudogLayout(GoStructLayout Struct, ulong G, ulong Next, ulong Prev, ulong Elem, ulong Channel, ulong IsSelect, ulong WaitLink)
{
    public static async Task<SudogLayout> ReadAsync(IRuntimeLayout layout, CancellationToken cancellationToken)
    {
        var sudog = await layout.GetStructAsync("runtime.sudog", cancellationToken);
        return new SudogLayout(
            sudog,
            sudog.Field("g").Offset,
            sudog.Field("next").Offset,
            sudog.Field("prev").Offset,
            await AddressOffsetAsync(layout, sudog.Field("elem"), cancellationToken),
            await AddressOffsetAsync(layout, sudog.Field("c"), cancellationToken),
            sudog.Field("isSelect").Offset,
            sudog.Field("waitlink").Offset);
    }

    // A plain pointer is its own address; a wrapper struct keeps it in a field named vu, maybe in an embedded struct.
    private static async Task<ulong> AddressOffsetAsync(IRuntimeLayout layout, GoField field, CancellationToken cancellationToken)
    {
        if (field.Kind != GoKind.Struct)
        {
            return field.Offset;
        }

        var wrapper = await layout.GetStructAsync(field.TypeName, cancellationToken);
        if (wrapper.Find("vu") is { } direct)
        {
            return field.Offset + direct.Offset;
        }

        foreach (var embedded in wrapper.Fields.Where(f => f.Kind == GoKind.Struct))
        {
            if (await layout.FindStructAsync(embedded.TypeName, cancellationToken) is { } inner && inner.Find("vu") is { } nested)
            {
                return field.Offset + embedded.Offset + nested.Offset;
            }
        }

        throw await layout.MissingAsync($"address field in {field.TypeName} (runtime.sudog.{field.Name})", cancellationToken);
    }
}
