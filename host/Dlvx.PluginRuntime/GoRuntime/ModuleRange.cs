namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>One module's sections (runtime.moduledata): the program's, then any plugin's.</summary>
/// <param name="Data">Start of the data section.</param>
/// <param name="EndData">End of the data section.</param>
/// <param name="Bss">Start of the bss section.</param>
/// <param name="EndBss">End of the bss section.</param>
/// <param name="DataMask">One bit per word of data: set where the collector looks for a pointer.</param>
/// <param name="BssMask">One bit per word of bss.</param>
/// <param name="Types">Start of the types section.</param>
/// <param name="EndTypes">End of the types section.</param>
/// <param name="NoPointerData">Start of noptrdata (static data without pointers).</param>
/// <param name="EndNoPointerBss">End of noptrbss.</param>
internal sealed record ModuleRange(ulong Data, ulong EndData, ulong Bss, ulong EndBss, byte[] DataMask, byte[] BssMask, ulong Types, ulong EndTypes, ulong NoPointerData, ulong EndNoPointerBss);
