using System.Buffers.Binary;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Goroutines;

/// <summary>A channel's waiting senders and receivers (hchan.sendq and recvq, lists of sudogs linked through <c>next</c>), read once per channel.</summary>
internal sealed class ChannelQueues(IRuntimeLayout layout, TargetMemory memory, SudogLayout sudog, RuntimeTypes types)
{
    private readonly Dictionary<ulong, (HashSet<ulong> Senders, HashSet<ulong> Receivers)> known = [];
    private readonly Dictionary<ulong, string> elementTypes = [];

    /// <summary>The channel's element type, from hchan.elemtype, as the runtime names it.</summary>
    public async Task<string> ElementTypeAsync(ulong channel, CancellationToken cancellationToken)
    {
        // A hundred thousand goroutines may wait on one channel.
        if (!elementTypes.TryGetValue(channel, out var name))
        {
            elementTypes[channel] = name = await ReadElementTypeAsync(channel, cancellationToken);
        }

        return name;
    }

    private async Task<string> ReadElementTypeAsync(ulong channel, CancellationToken cancellationToken)
    {
        var hchan = await layout.GetStructAsync("runtime.hchan", cancellationToken);
        var descriptor = await memory.ReadWordAsync(channel + hchan.Field("elemtype").Offset, cancellationToken);
        try
        {
            return descriptor == 0 ? "" : (await types.GetAsync(descriptor, cancellationToken)).Name;
        }
        catch (TargetMemoryException)
        {
            return "";
        }
    }

    /// <summary><c>send</c> or <c>recv</c>: which of the channel's queues holds the sudog.</summary>
    public async Task<string> DirectionAsync(ulong channel, ulong waiter, CancellationToken cancellationToken)
    {
        if (!known.TryGetValue(channel, out var queues))
        {
            var hchan = await layout.GetStructAsync("runtime.hchan", cancellationToken);
            var bytes = await memory.ReadAsync(channel, (int)hchan.Size, cancellationToken);
            known[channel] = queues = (
                await ListAsync(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)hchan.Field("sendq").Offset)), cancellationToken),
                await ListAsync(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)hchan.Field("recvq").Offset)), cancellationToken));
        }

        return queues.Senders.Contains(waiter) ? "send" : queues.Receivers.Contains(waiter) ? "recv" : "";
    }

    // waitq.first is the queue's first field.
    private async Task<HashSet<ulong>> ListAsync(ulong first, CancellationToken cancellationToken)
    {
        var members = new HashSet<ulong>();
        for (var node = first; node != 0 && members.Add(node);)
        {
            node = BinaryPrimitives.ReadUInt64LittleEndian(await memory.ReadAsync(node + sudog.Next, 8, cancellationToken));
        }

        return members;
    }
}
