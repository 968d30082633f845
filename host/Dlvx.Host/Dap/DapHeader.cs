using System.Globalization;
using System.Text;

namespace Dlvx.Host.Dap;

/// <summary>Parses DAP's base-protocol header: <c>Content-Length: N\r\n\r\n</c>.</summary>
internal static class DapHeader
{
    private static readonly byte[] Terminator = "\r\n\r\n"u8.ToArray();

    /// <summary>The longest header we accept before deciding the stream is not DAP.</summary>
    public const int MaxHeaderBytes = 1024;

    /// <summary>
    /// Tries to read a header at the start of <paramref name="buffer"/>.
    /// Returns false when more bytes are needed.
    /// </summary>
    /// <exception cref="FormatException">The header is malformed, has no valid Content-Length, or exceeds <paramref name="maxBody"/>.</exception>
    public static bool TryParse(ReadOnlySpan<byte> buffer, int maxBody, out int headerLength, out int bodyLength)
    {
        headerLength = 0;
        bodyLength = 0;
        var end = buffer.IndexOf(Terminator);
        if (end < 0)
        {
            if (buffer.Length > MaxHeaderBytes)
            {
                throw new FormatException("no end of header within 1024 bytes");
            }

            return false;
        }

        var text = Encoding.ASCII.GetString(buffer[..end]);
        int? length = null;
        foreach (var line in text.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"malformed header line '{Printable(line)}'");
            }

            if (line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                var value = line[(colon + 1)..].Trim();
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    throw new FormatException($"Content-Length '{Printable(value)}' is not a non-negative number");
                }

                length = parsed;
            }
        }

        if (length is not { } found)
        {
            throw new FormatException("header has no Content-Length");
        }

        if (found > maxBody)
        {
            throw new FormatException($"Content-Length {found} exceeds the {maxBody / (1024 * 1024)} MiB limit");
        }

        headerLength = end + Terminator.Length;
        bodyLength = found;
        return true;
    }

    /// <summary>Builds the header for a body of <paramref name="length"/> bytes.</summary>
    public static byte[] For(int length) => Encoding.ASCII.GetBytes($"Content-Length: {length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n");

    private static string Printable(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
