using System.Buffers.Binary;
using System.Text;

namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>
/// The headers of a 64-bit little-endian ELF file (an executable or a core dump): its type, entry
/// point, program headers and notes. Only headers are read, never the (possibly huge) contents.
/// </summary>
public sealed class ElfImage
{
    /// <summary>An executable (ET_EXEC).</summary>
    public const ushort Executable = 2;

    /// <summary>A position-independent executable or shared object (ET_DYN).</summary>
    public const ushort SharedObject = 3;

    /// <summary>A core dump (ET_CORE).</summary>
    public const ushort Core = 4;

    // Notes are small; a larger PT_NOTE is not one we understand.
    private const int MaxNotesBytes = 64 << 20;

    private ElfImage(string path, ushort type, ulong entry, IReadOnlyList<ElfSegment> segments, IReadOnlyList<ElfNote> notes)
    {
        Path = path;
        Type = type;
        Entry = entry;
        Segments = segments;
        Notes = notes;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>ET_EXEC, ET_DYN or ET_CORE.</summary>
    public ushort Type { get; }

    /// <summary>The entry point (0 in a core).</summary>
    public ulong Entry { get; }

    /// <summary>The program headers.</summary>
    public IReadOnlyList<ElfSegment> Segments { get; }

    /// <summary>The notes of every PT_NOTE segment.</summary>
    public IReadOnlyList<ElfNote> Notes { get; }

    /// <summary>Reads the headers, or returns null when the file is missing, unreadable, or not a 64-bit little-endian ELF file.</summary>
    public static ElfImage? TryRead(string path)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            var header = new byte[64];
            if (RandomAccess.Read(file, header, 0) < 64 || header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F'
                || header[4] != 2 /* ELFCLASS64 */ || header[5] != 1 /* little-endian */)
            {
                return null;
            }

            var type = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(16));
            var entry = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(24));
            var headersAt = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(32));
            var headerSize = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(54));
            var headerCount = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(56));
            if (headerSize < 56)
            {
                return null;
            }

            var table = new byte[headerSize * headerCount];
            if (RandomAccess.Read(file, table, (long)headersAt) < table.Length)
            {
                return null;
            }

            var segments = new List<ElfSegment>(headerCount);
            for (var i = 0; i < headerCount; i++)
            {
                var entryBytes = table.AsSpan(i * headerSize, headerSize);
                segments.Add(new ElfSegment(
                    BinaryPrimitives.ReadUInt32LittleEndian(entryBytes),
                    BinaryPrimitives.ReadUInt32LittleEndian(entryBytes[4..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(entryBytes[8..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(entryBytes[16..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(entryBytes[32..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(entryBytes[40..])));
            }

            var notes = new List<ElfNote>();
            foreach (var segment in segments.Where(s => s.Type == ElfSegment.NoteSegment && s.FileSize is > 0 and <= MaxNotesBytes))
            {
                var bytes = new byte[segment.FileSize];
                var read = RandomAccess.Read(file, bytes, (long)segment.Offset);
                ParseNotes(bytes.AsSpan(0, read), notes);
            }

            return new ElfImage(path, type, entry, segments, notes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Reads <paramref name="length"/> bytes of the file at <paramref name="offset"/>, or null if they are not all there.</summary>
    public byte[]? ReadAt(ulong offset, int length)
    {
        try
        {
            using var file = File.OpenHandle(Path, FileMode.Open, FileAccess.Read);
            var bytes = new byte[length];
            return RandomAccess.Read(file, bytes, (long)offset) == length ? bytes : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Each note: namesz, descsz, type (4 bytes each), then the name and the description, each padded to 4 bytes.
    private static void ParseNotes(ReadOnlySpan<byte> bytes, List<ElfNote> notes)
    {
        var at = 0;
        while (at + 12 <= bytes.Length)
        {
            var nameSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);
            var descriptionSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(at + 4)..]);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(at + 8)..]);
            var nameAt = at + 12;
            var descriptionAt = nameAt + Align4(nameSize);
            if (nameSize < 0 || descriptionSize < 0 || descriptionAt + descriptionSize > bytes.Length)
            {
                return;
            }

            var name = Encoding.ASCII.GetString(bytes.Slice(nameAt, nameSize)).TrimEnd('\0');
            notes.Add(new ElfNote(name, type, bytes.Slice(descriptionAt, descriptionSize).ToArray()));
            at = descriptionAt + Align4(descriptionSize);
        }
    }

    private static int Align4(int value) => (value + 3) & ~3;
}
