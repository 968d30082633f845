using System.Globalization;
using System.Text.RegularExpressions;
using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// Reads target memory with Delve's <c>ExamineMemory</c>. Delve caps the length of one read (1000
/// bytes up to 1.23, 65536 from 1.24); the cap is learned from Delve's own refusal of a longer read,
/// not from its version number.
/// </summary>
internal sealed partial class DelveMemorySource(IDelveClient delve) : IMemorySource
{
    private const int HopefulLength = 1 << 16;
    private const int ClassicLength = 1000;

    private int maxReadLength = HopefulLength;
    private bool learned;

    public int MaxReadLength => maxReadLength;

    public int ReadsInFlight => 16;

    public async Task<byte[]?> ReadAsync(ulong address, int length, CancellationToken cancellationToken)
    {
        if (length > maxReadLength)
        {
            var whole = new byte[length];
            for (var done = 0; done < length; done += maxReadLength)
            {
                var part = await ReadAsync(address + (ulong)done, Math.Min(maxReadLength, length - done), cancellationToken);
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
            if (length > ClassicLength)
            {
                learned = true;
            }

            return result.Mem is { } bytes && bytes.Length == length ? bytes : null;
        }
        catch (DelveException e) when (!learned && length > ClassicLength && LimitPattern().Match(e.Message) is { Success: true } limit)
        {
            // "len must be less than or equal to 1000": remember Delve's cap and read in pieces of it.
            maxReadLength = int.Parse(limit.Groups["limit"].Value, CultureInfo.InvariantCulture);
            learned = true;
            return await ReadAsync(address, length, cancellationToken);
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            return null;
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
