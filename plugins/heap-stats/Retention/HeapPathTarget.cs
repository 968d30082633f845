namespace Dlvx.Plugins.HeapStats.Retention;

/// <summary>The object heap-path explains.</summary>
/// <param name="Addr">Its address.</param>
/// <param name="Type">Its type.</param>
/// <param name="Size">Its slot's size.</param>
public sealed record HeapPathTarget(ulong Addr, string Type, ulong Size);
