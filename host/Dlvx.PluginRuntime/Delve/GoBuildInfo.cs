using System.Buffers.Binary;
using System.Text;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>
/// Reads the Go release that built a binary from its build information (the <c>.go.buildinfo</c>
/// section, what <c>go version FILE</c> reads): a 16-byte header starting <c>\xff Go buildinf:</c>,
/// then, since Go 1.18, the version as a length-prefixed string.
/// </summary>
internal static class GoBuildInfo
{
    private static readonly byte[] Magic = "\xff Go buildinf:"u8.ToArray();
    private const int HeaderSize = 32;
    private const byte InlineStrings = 2;
    private const int ScanLimit = 64 << 20;

    /// <summary>The Go release (<c>go1.26.10</c>) that built <paramref name="path"/>, or null if it is not a Go binary or predates Go 1.18.</summary>
    public static string? ReadGoVersion(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var start = FindHeader(file);
            if (start < 0)
            {
                return null;
            }

            var header = new byte[HeaderSize + 64];
            file.Position = start;
            var read = file.ReadAtLeast(header, HeaderSize + 1, throwOnEndOfStream: false);
            if (read <= HeaderSize || (header[15] & InlineStrings) == 0)
            {
                return null;
            }

            // uvarint length, then the bytes.
            var length = 0;
            var at = HeaderSize;
            for (var shift = 0; at < read; at++, shift += 7)
            {
                length |= (header[at] & 0x7f) << shift;
                if ((header[at] & 0x80) == 0)
                {
                    at++;
                    break;
                }
            }

            return length > 0 && at + length <= read ? Encoding.UTF8.GetString(header, at, length) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The Go minor release (26 for <c>go1.26.10</c>), or null for another spelling.</summary>
    public static int? Minor(string goVersion)
    {
        var text = goVersion.StartsWith("go", StringComparison.Ordinal) ? goVersion[2..] : goVersion;
        var parts = text.Split('.', 3);
        return parts.Length >= 2 && parts[0] == "1" && int.TryParse(new string(parts[1].TakeWhile(char.IsAsciiDigit).ToArray()), out var minor) ? minor : null;
    }

    // The section's address from the ELF section headers when there are any; else the header is
    // 16-byte aligned somewhere in the file, as the go command also searches.
    private static long FindHeader(FileStream file)
    {
        if (ElfSection(file, ".go.buildinfo") is { } offset)
        {
            return offset;
        }

        var buffer = new byte[1 << 20];
        long position = 0;
        file.Position = 0;
        while (position < ScanLimit)
        {
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            for (var i = 0; i + Magic.Length <= read; i += 16)
            {
                if (buffer.AsSpan(i, Magic.Length).SequenceEqual(Magic))
                {
                    return position + i;
                }
            }

            if (read < buffer.Length)
            {
                break;
            }

            position += read;
        }

        return -1;
    }

    private static long? ElfSection(FileStream file, string name)
    {
        var ident = new byte[64];
        file.Position = 0;
        if (file.ReadAtLeast(ident, 64, throwOnEndOfStream: false) < 64 || ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F' || ident[4] != 2 || ident[5] != 1)
        {
            return null; // only 64-bit little-endian ELF is parsed; others are scanned
        }

        var sectionHeaders = (long)BinaryPrimitives.ReadUInt64LittleEndian(ident.AsSpan(0x28));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(ident.AsSpan(0x3a));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(ident.AsSpan(0x3c));
        var namesIndex = BinaryPrimitives.ReadUInt16LittleEndian(ident.AsSpan(0x3e));
        if (entrySize < 64 || count == 0 || namesIndex >= count)
        {
            return null;
        }

        var table = new byte[entrySize * count];
        file.Position = sectionHeaders;
        if (file.ReadAtLeast(table, table.Length, throwOnEndOfStream: false) < table.Length)
        {
            return null;
        }

        var namesOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(table.AsSpan((namesIndex * entrySize) + 0x18));
        var namesSize = (int)Math.Min(1 << 20, BinaryPrimitives.ReadUInt64LittleEndian(table.AsSpan((namesIndex * entrySize) + 0x20)));
        var names = new byte[namesSize];
        file.Position = namesOffset;
        file.ReadAtLeast(names, namesSize, throwOnEndOfStream: false);
        var wanted = Encoding.ASCII.GetBytes(name + "\0");
        for (var i = 0; i < count; i++)
        {
            var entry = table.AsSpan(i * entrySize, entrySize);
            var nameAt = (int)BinaryPrimitives.ReadUInt32LittleEndian(entry);
            if (nameAt + wanted.Length <= names.Length && names.AsSpan(nameAt, wanted.Length).SequenceEqual(wanted))
            {
                return (long)BinaryPrimitives.ReadUInt64LittleEndian(entry[0x18..]);
            }
        }

        return null;
    }
}
