using System.Buffers.Binary;
using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// Whether a goroutine's stack has the same shape as one Delve unwound: frames are relative to the
/// stack's top (<see cref="Stackframe.FrameOffset"/> is the CFA minus <c>g.stack.hi</c>), so a
/// goroutine parked at the same pc at the same depth, whose return addresses (the word just below
/// each frame's CFA) are the same, unwinds to the same frames. Borrowing the frames of one goroutine
/// for all others of its shape is what makes a hundred thousand goroutines cost a few unwinds.
/// </summary>
internal static class ReturnAddresses
{
    /// <summary>The stack bytes <see cref="Match"/> reads, relative to the stack's top: [From, To).</summary>
    public static (long From, long To) Span(IReadOnlyList<Stackframe> frames)
    {
        long? from = null, to = null;
        for (var i = 0; i + 1 < frames.Count; i++)
        {
            if (Physical(frames, i))
            {
                from = Math.Min(from ?? long.MaxValue, frames[i].FrameOffset - 8);
                to = Math.Max(to ?? long.MinValue, frames[i].FrameOffset);
            }
        }

        return (from ?? 0, to ?? 0);
    }

    /// <summary>Whether <paramref name="bytes"/>, the stack from <paramref name="low"/> up, returns through the frames' pcs.</summary>
    /// <param name="frames">The frames Delve unwound for a goroutine of the same pc and depth.</param>
    /// <param name="high">This stack's top (<c>g.stack.hi</c>).</param>
    /// <param name="low">The address of <paramref name="bytes"/>' first byte.</param>
    /// <param name="bytes">This stack's bytes.</param>
    public static bool Match(IReadOnlyList<Stackframe> frames, ulong high, ulong low, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i + 1 < frames.Count; i++)
        {
            if (!Physical(frames, i))
            {
                continue;
            }

            var at = (long)high + frames[i].FrameOffset - 8 - (long)low;
            if (at < 0 || at + 8 > bytes.Length || BinaryPrimitives.ReadUInt64LittleEndian(bytes[(int)at..]) != frames[i + 1].Pc)
            {
                return false;
            }
        }

        return frames.Count > 0;
    }

    // An inlined call is a frame of its own in Delve's listing with its caller's CFA: only the last
    // frame of a physical frame returns through memory.
    private static bool Physical(IReadOnlyList<Stackframe> frames, int i) => frames[i + 1].FrameOffset != frames[i].FrameOffset;
}
