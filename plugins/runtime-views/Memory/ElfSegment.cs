namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>One program header of an ELF file (elf(5)).</summary>
/// <param name="Type">PT_LOAD (1), PT_NOTE (4)...</param>
/// <param name="Flags">PF_X (1), PF_W (2), PF_R (4).</param>
/// <param name="Offset">Where its bytes are in the file.</param>
/// <param name="VirtualAddress">Where it is mapped.</param>
/// <param name="FileSize">How many of its bytes the file holds.</param>
/// <param name="MemorySize">How many bytes it occupies in memory.</param>
public sealed record ElfSegment(uint Type, uint Flags, ulong Offset, ulong VirtualAddress, ulong FileSize, ulong MemorySize)
{
    /// <summary>A loadable segment.</summary>
    public const uint Load = 1;

    /// <summary>A segment of notes.</summary>
    public const uint NoteSegment = 4;

    /// <summary>The flags as <c>rwx</c> with dashes.</summary>
    public string Permissions => $"{((Flags & 4) != 0 ? 'r' : '-')}{((Flags & 2) != 0 ? 'w' : '-')}{((Flags & 1) != 0 ? 'x' : '-')}";
}
