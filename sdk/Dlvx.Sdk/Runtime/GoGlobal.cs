namespace Dlvx.Sdk.Runtime;

/// <summary>A package-level variable of the target.</summary>
/// <param name="Name">Its full name, for example <c>runtime.mheap_</c>.</param>
/// <param name="Address">Where it lives (data or bss).</param>
/// <param name="TypeName">Its Go type as the debug information names it.</param>
public sealed record GoGlobal(string Name, ulong Address, string TypeName);
