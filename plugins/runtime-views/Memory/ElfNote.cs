namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>One note of an ELF file's PT_NOTE segments.</summary>
/// <param name="Name">The note's owner (<c>CORE</c>, <c>LINUX</c>, Delve's <c>Delve Header</c>).</param>
/// <param name="Type">Its type within that owner (NT_PRPSINFO = 3, NT_AUXV = 6, NT_FILE = 0x46494c45...).</param>
/// <param name="Description">Its contents.</param>
public sealed record ElfNote(string Name, uint Type, byte[] Description);
