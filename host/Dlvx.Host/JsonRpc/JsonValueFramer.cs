namespace Dlvx.Host.JsonRpc;

/// <summary>
/// Finds where each top-level JSON value ends in a byte stream of back-to-back values, as Go's
/// <c>json.Decoder</c> reads them, without parsing the values. Incremental: feed bytes as they arrive.
/// </summary>
internal sealed class JsonValueFramer
{
    private int depth;
    private bool inString;
    private bool escaped;
    private bool started;
    private int scanned;

    /// <summary>Bytes of the current value seen so far (for the size limit).</summary>
    public int PendingLength => scanned;

    /// <summary>
    /// Scans <paramref name="buffer"/> from where the last call stopped. Returns the length of the
    /// first complete value including leading whitespace, or -1 if more bytes are needed.
    /// </summary>
    /// <exception cref="FormatException">The bytes cannot start a JSON object.</exception>
    public int FindEnd(ReadOnlySpan<byte> buffer)
    {
        for (var i = scanned; i < buffer.Length; i++)
        {
            var b = buffer[i];
            if (!started)
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    continue;
                }

                // Delve's API takes only objects; anything else is garbage we cannot resynchronise after.
                if (b != (byte)'{')
                {
                    throw new FormatException($"expected a JSON object, found byte 0x{b:x2}");
                }

                started = true;
                depth = 1;
                continue;
            }

            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    depth--;
                    if (depth == 0)
                    {
                        Reset();
                        return i + 1;
                    }

                    break;
            }
        }

        scanned = buffer.Length;
        return -1;
    }

    /// <summary>Forgets the value in progress, after a complete value was consumed.</summary>
    public void Reset()
    {
        depth = 0;
        inString = false;
        escaped = false;
        started = false;
        scanned = 0;
    }
}
