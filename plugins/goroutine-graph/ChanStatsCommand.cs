using System.Globalization;
using System.Text;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>
/// The channels goroutines are blocked on: who holds each, what it carries, how full it is, and who
/// waits to send and to receive (select cases included). Built on the runtime model alone: the
/// runtime's wait queues say who waits where, typed values give each hchan's fields.
/// </summary>
[Command("chan-stats", Aliases = ["cs"],
    Summary = "List the channels goroutines are blocked on: name, element type, len/cap, closed, waiting senders and receivers.",
    Description = "A channel is named after the package variable holding it, else a local of a goroutine that waits on it.")]
public sealed class ChanStatsCommand(IGoroutines goroutines, IGoValues values, IDelveClient delve) : ICommand
{
    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var waits = (await goroutines.ListAsync(cancellationToken))
            .SelectMany(g => g.BlockedOn.Where(b => b.Kind == BlockingObjectKind.Channel).Select(b => (Goroutine: g.Id, Wait: b)))
            .GroupBy(w => w.Wait.Address)
            .ToList();
        var names = await GlobalNamesAsync(cancellationToken);
        var channels = new List<ChannelStats>(waits.Count);
        foreach (var group in waits)
        {
            var channel = await values.ReadAsync("runtime.hchan", group.Key, cancellationToken);
            var elementType = channel["elemtype"].IsNil ? "" : await values.RuntimeTypeNameAsync(channel["elemtype"].Pointer, cancellationToken);
            var name = names.TryGetValue(group.Key, out var global) ? global : await LocalNameAsync(group.Key, group.Select(w => w.Goroutine), cancellationToken);
            channels.Add(new ChannelStats(
                Hex(group.Key),
                name,
                "chan " + elementType,
                (long)channel["qcount"].ToUInt64(),
                (long)channel["dataqsiz"].ToUInt64(),
                channel["closed"].ToUInt64() != 0,
                Waiters(group, "send"),
                Waiters(group, "recv")));
        }

        channels = [.. channels.OrderByDescending(c => c.Senders.Count + c.Receivers.Count).ThenBy(c => c.Name, StringComparer.Ordinal)];
        return CommandResult.Create(Render(channels), new ChanStatsData(channels));
    }

    private static List<ChannelWaiter> Waiters(IEnumerable<(long Goroutine, BlockingObject Wait)> waits, string operation) =>
        waits.Where(w => w.Wait.Operation == operation).Select(w => new ChannelWaiter(w.Goroutine, w.Wait.InSelect)).OrderBy(w => w.Goroutine).ToList();

    // Package variables of channel type, by the hchan they hold.
    private async Task<Dictionary<ulong, string>> GlobalNamesAsync(CancellationToken cancellationToken)
    {
        var names = new Dictionary<ulong, string>();
        foreach (var variable in await delve.ListPackageVarsAsync("", LoadConfigs.AddressOnly, cancellationToken))
        {
            if (variable.Kind == GoKind.Chan && variable.Addr != 0)
            {
                var value = await values.ReadAsync(variable.Type, variable.Addr, cancellationToken);
                if (!value.IsNil)
                {
                    names.TryAdd(value.Pointer, variable.Name);
                }
            }
        }

        return names;
    }

    // A local of channel type in a waiter's frames (the first waiter whose stack holds one).
    private async Task<string> LocalNameAsync(ulong channel, IEnumerable<long> waiters, CancellationToken cancellationToken)
    {
        foreach (var id in waiters.Take(4))
        {
            IReadOnlyList<Stackframe> frames;
            try
            {
                frames = await delve.StacktraceAsync(id, 16, LoadConfigs.AddressOnly, cancellationToken);
            }
            catch (DelveException)
            {
                continue;
            }

            for (var i = 0; i < frames.Count; i++)
            {
                foreach (var variable in (frames[i].Locals ?? []).Concat(frames[i].Arguments ?? []).Where(v => v.Kind == GoKind.Chan && v.Addr != 0))
                {
                    var value = await values.ReadAsync(variable.Type, variable.Addr, cancellationToken);
                    if (!value.IsNil && value.Pointer == channel)
                    {
                        return $"goroutine {id} {frames[i].Function?.Name}: {variable.Name}";
                    }
                }
            }
        }

        return "";
    }

    private static string Render(List<ChannelStats> channels)
    {
        if (channels.Count == 0)
        {
            return "No goroutine is blocked on a channel.";
        }

        // Channels alike (the same local of the same function, type, fill and waiters, such as one
        // per leaked request) are one entry: a leak of 10,000 should not print 10,000 paragraphs.
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{channels.Count} channels with blocked goroutines");
        foreach (var alike in channels.GroupBy(c => (Holder(c.Name), c.Type, c.Len, c.Cap, c.Closed, c.Senders.Count, c.Receivers.Count)).OrderByDescending(g => g.Count()))
        {
            var channel = alike.First();
            var fill = $"{channel.Type}  len {channel.Len}/cap {channel.Cap}{(channel.Closed ? "  closed" : "")}";
            text.AppendLine().AppendLine();
            if (alike.Count() == 1 || alike.Key.Item1.Length == 0)
            {
                foreach (var one in alike)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{(one.Name.Length > 0 ? one.Name : "<no variable found>")} {one.Address}  {fill}").AppendLine();
                    text.Append(CultureInfo.InvariantCulture, $"  senders   {one.Senders.Count,4}  {Ids(one.Senders)}").AppendLine();
                    text.Append(CultureInfo.InvariantCulture, $"  receivers {one.Receivers.Count,4}  {Ids(one.Receivers)}").AppendLine();
                }

                text.Length -= Environment.NewLine.Length;
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"{alike.Count()} channels held by {alike.Key.Item1}  {fill}, each with {Count(alike.Key.Item6, "sender")} and {Count(alike.Key.Item7, "receiver")}");
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  e.g. {channel.Address}  waiting: {Ids([.. alike.SelectMany(c => c.Senders.Concat(c.Receivers)).OrderBy(w => w.Goroutine)])}");
        }

        return text.ToString();

        static string Ids(List<ChannelWaiter> waiters) =>
            string.Join(' ', waiters.Take(12).Select(w => w.Goroutine.ToString(CultureInfo.InvariantCulture) + (w.InSelect ? "(select)" : ""))) + (waiters.Count > 12 ? " ..." : "");
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    // "goroutine 102 main.handle.func1: results" -> "main.handle.func1: results"; a package variable has no holder to share.
    private static string Holder(string name) =>
        name.StartsWith("goroutine ", StringComparison.Ordinal) && name.IndexOf(' ', 10) is var space and > 0 ? name[(space + 1)..] : "";

    private static string Hex(ulong address) => "0x" + address.ToString("x", CultureInfo.InvariantCulture);
}
