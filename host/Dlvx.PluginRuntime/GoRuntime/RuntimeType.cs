namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>A type descriptor of the target's runtime (<c>runtime._type</c>, <c>internal/abi.Type</c> from Go 1.21).</summary>
/// <param name="Address">Where the descriptor is.</param>
/// <param name="Name">Its name as the runtime spells it (<c>main.item</c>, <c>*poll.FD</c>), empty for the unnamed types the runtime makes up.</param>
/// <param name="Size">The size of one value.</param>
/// <param name="PointerBytes">How many leading bytes of a value can hold pointers.</param>
/// <param name="Kind">The kind (reflect's numbering).</param>
/// <param name="PointerMask">One bit per word of the first <paramref name="PointerBytes"/> bytes: set where a pointer is.</param>
internal sealed record RuntimeType(ulong Address, string Name, ulong Size, ulong PointerBytes, int Kind, ulong[] PointerMask)
{
    /// <summary>Whether word <paramref name="word"/> of a value holds a pointer.</summary>
    public bool IsPointer(ulong word) => word < PointerBytes / 8 && (PointerMask[(int)(word / 64)] >> (int)(word % 64) & 1) != 0;
}
