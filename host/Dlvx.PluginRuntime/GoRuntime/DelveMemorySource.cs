using System.Globalization;
using System.Text.RegularExpressions;
using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// Reads target memory with Delve's <c>ExamineMemory</c>. Delve caps the length of one read (1000
/// bytes up to 1.23, 65536 from 1.24); the cap is learned from Delve's own refusal of a longer read,
/// not from its version number. Reads run concurrently, so every refusal of a read longer than the
/// cap it states is retried in pieces, not only the first one: the others were sent before the cap was known.
/// </summary>
internal sealed partial class DelveMemorySource(IDelveClient delve) : IMemorySource
{
    private const int HopefulLength = 1 << 16;

    private int maxReadLength = HopefulLength;

    public int MaxReadLength => Volatile.Read(ref maxReadLength);

    public int ReadsInFlight => 16;

    public async Task<byte[]?> ReadAsync(ulong address, int length, CancellationToken cancellationToken)
    {
        var pieceLength = MaxReadLength;
        if (length > pieceLength)
        {
            var whole = new byte[length];
            for (var done = 0; done < length; done += pieceLength)
            {
                var part = await ReadAsync(address + (ulong)done, Math.Min(pieceLength, length - done), cancellationToken);
                if (part is null)
                {
                    return null;
                }

                part.CopyTo(whole.AsSpan(done));
            }

            return whole;
        }

        try
        {
            var result = await delve.CallAsync<ExamineMemoryResult>("RPCServer.ExamineMemory", new { Address = address, Length = length }, cancellationToken);
            return result.Mem is { } bytes && bytes.Length == length ? bytes : null;
        }
        catch (DelveException e) when (StatedLimit(e) is { } limit && limit >= 1 && length > limit)
        {
            // "len must be less than or equal to 1000": remember Delve's cap and read in pieces of it.
            // The smaller cap wins, whichever of several concurrent refusals arrives first.
            InterlockedMin(ref maxReadLength, limit);
            return await ReadAsync(address, length, cancellationToken);
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            return null;
        }
    }

    private static int? StatedLimit(DelveException refusal) =>
        LimitPattern().Match(refusal.Message) is { Success: true } limit
        && int.TryParse(limit.Groups["limit"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static void InterlockedMin(ref int location, int value)
    {
        var current = Volatile.Read(ref location);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [GeneratedRegex(@"less than or equal to (?<limit>\d+)")]
    private static partial Regex LimitPattern();

    private sealed class ExamineMemoryResult
    {
        public byte[]? Mem { get; set; }

        public bool IsLittleEndian { get; set; }
    }
}
