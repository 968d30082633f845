namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>A Go module's sections as its <c>runtime.moduledata</c> records them.</summary>
/// <param name="Name">The module: <c>executable</c> for the program itself, a plugin's path otherwise.</param>
/// <param name="Text">Start of .text.</param>
/// <param name="EndOfText">End of .text.</param>
/// <param name="Data">Start of the initialised data (.noptrdata, then .data).</param>
/// <param name="EndOfData">End of .data.</param>
/// <param name="Bss">Start of .bss (then .noptrbss).</param>
/// <param name="End">End of the module's image (the end of .noptrbss).</param>
public sealed record ModuleSections(string Name, ulong Text, ulong EndOfText, ulong Data, ulong EndOfData, ulong Bss, ulong End);
