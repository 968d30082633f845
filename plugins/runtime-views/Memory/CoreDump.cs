using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>
/// A core dump's mappings from its program headers and notes: PT_LOAD segments, the files they map
/// (NT_FILE, written by the kernel), and the process id and entry point (NT_PRPSINFO, NT_AUXV, or the
/// header note of a core Delve wrote with its <c>dump</c> command).
/// </summary>
public sealed class CoreDump
{
    private const uint PrPsInfo = 3;
    private const uint AuxiliaryVector = 6;
    private const uint FileMappings = 0x46494c45; // "FILE"
    private const uint DelveHeader = 0x444c5645;  // "DLVE", pkg/elfwriter/delve_core_notes.go
    private const ulong AuxiliaryEntry = 9;       // AT_ENTRY
    private const ulong PageSize = 4096;

    private CoreDump(ElfImage image) => Image = image;

    /// <summary>The core file's headers.</summary>
    public ElfImage Image { get; }

    /// <summary>The path of the core file.</summary>
    public string Path => Image.Path;

    /// <summary>Reads a core file's headers, or returns null when it is not an ELF core.</summary>
    public static CoreDump? TryOpen(string path) => ElfImage.TryRead(path) is { Type: ElfImage.Core } image ? new CoreDump(image) : null;

    /// <summary>The process id the core was dumped from (what Delve reports as the target's pid), or null.</summary>
    public int? ProcessId
    {
        get
        {
            // struct elf_prpsinfo: state, sname, zomb, nice (1 byte each), padding, flag (8), uid, gid (4 each), then pid.
            if (Image.Notes.FirstOrDefault(n => n.Type == PrPsInfo && n.Description.Length >= 28) is { } info)
            {
                return BinaryPrimitives.ReadInt32LittleEndian(info.Description.AsSpan(24));
            }

            return DelveHeaderValue("Target Pid: ") is { } pid && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
    }

    /// <summary>The executable's entry point in the dumped process (AT_ENTRY, or Delve's header), to place a position-independent executable.</summary>
    public ulong? EntryPoint
    {
        get
        {
            if (Image.Notes.FirstOrDefault(n => n.Type == AuxiliaryVector) is { } auxv)
            {
                for (var at = 0; at + 16 <= auxv.Description.Length; at += 16)
                {
                    if (BinaryPrimitives.ReadUInt64LittleEndian(auxv.Description.AsSpan(at)) == AuxiliaryEntry)
                    {
                        return BinaryPrimitives.ReadUInt64LittleEndian(auxv.Description.AsSpan(at + 8));
                    }
                }
            }

            return DelveHeaderValue("Entry Point: ") is { } entry && entry.StartsWith("0x", StringComparison.Ordinal)
                && ulong.TryParse(entry.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
    }

    /// <summary>
    /// The mappings: one per PT_LOAD, named from NT_FILE where the kernel wrote it. Delve's own dumps
    /// leave out the executable's read-only segments (its <c>shouldDumpMemory</c>); given
    /// <paramref name="executable"/>, those are added from its program headers, saying so.
    /// </summary>
    public IReadOnlyList<AddressMapping> Mappings(string? executable)
    {
        var files = FileMappingsNote();
        var mappings = new List<AddressMapping>();
        foreach (var segment in Image.Segments.Where(s => s.Type == ElfSegment.Load && s.MemorySize > 0))
        {
            var start = segment.VirtualAddress;
            var file = files.FirstOrDefault(f => f.Start <= start && start < f.End);
            mappings.Add(new AddressMapping(start, start + segment.MemorySize, segment.Permissions, file.Path ?? "", file.Path is null ? 0 : file.Offset + (start - file.Start)));
        }

        if (executable is not null && ElfImage.TryRead(executable) is { Type: ElfImage.Executable or ElfImage.SharedObject } program)
        {
            var bias = program.Type == ElfImage.SharedObject && EntryPoint is { } entry ? entry - program.Entry : 0;
            foreach (var segment in program.Segments.Where(s => s.Type == ElfSegment.Load && s.MemorySize > 0))
            {
                var start = (segment.VirtualAddress + bias) & ~(PageSize - 1);
                var end = (segment.VirtualAddress + bias + segment.MemorySize + PageSize - 1) & ~(PageSize - 1);
                if (!mappings.Any(m => m.Start < end && start < m.End))
                {
                    mappings.Add(new AddressMapping(start, end, segment.Permissions, executable, segment.Offset & ~(PageSize - 1), "not in the core: read from the executable"));
                }
            }
        }

        return mappings.OrderBy(m => m.Start).ToList();
    }

    /// <summary>The executable the process ran, as Delve's dumps record it (an absolute path first in the arguments), or null.</summary>
    public string? ExecutableFromNotes()
    {
        if (Image.Notes.FirstOrDefault(n => n.Type == PrPsInfo && n.Description.Length >= 136) is not { } info)
        {
            return null;
        }

        // pr_psargs[80] after pid, ppid, pgrp, sid (4 bytes each) and pr_fname[16].
        var arguments = Encoding.UTF8.GetString(info.Description.AsSpan(56, 80)).Split('\0', ' ')[0];
        return arguments.StartsWith('/') ? arguments : null;
    }

    /// <summary>Reads dumped memory straight from the file, or null when the range is not wholly in one segment's file bytes.</summary>
    public byte[]? Read(ulong address, int length)
    {
        var segment = Image.Segments.FirstOrDefault(s => s.Type == ElfSegment.Load && s.VirtualAddress <= address && address + (ulong)length <= s.VirtualAddress + s.FileSize);
        return segment is null ? null : Image.ReadAt(segment.Offset + (address - segment.VirtualAddress), length);
    }

    // NT_FILE: count, page size, then count × (start, end, offset in pages), then count file names.
    private List<(ulong Start, ulong End, ulong Offset, string? Path)> FileMappingsNote()
    {
        var result = new List<(ulong, ulong, ulong, string?)>();
        if (Image.Notes.FirstOrDefault(n => n.Type == FileMappings) is not { Description.Length: >= 16 } note)
        {
            return result;
        }

        var bytes = note.Description.AsSpan();
        var count = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var pageSize = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        var namesAt = 16 + (count * 24);
        if (count > 1_000_000 || namesAt > (ulong)bytes.Length)
        {
            return result;
        }

        var names = Encoding.UTF8.GetString(bytes[(int)namesAt..]).Split('\0');
        for (var i = 0; i < (int)count && i < names.Length; i++)
        {
            var entry = bytes[(16 + (i * 24))..];
            result.Add((BinaryPrimitives.ReadUInt64LittleEndian(entry), BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]), BinaryPrimitives.ReadUInt64LittleEndian(entry[16..]) * pageSize, names[i]));
        }

        return result;
    }

    private string? DelveHeaderValue(string prefix)
    {
        if (Image.Notes.FirstOrDefault(n => n.Type == DelveHeader) is not { } header)
        {
            return null;
        }

        return Encoding.UTF8.GetString(header.Description).Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
    }
}
