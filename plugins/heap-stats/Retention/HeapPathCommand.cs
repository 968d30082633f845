using System.Globalization;
using System.Text;
using Dlvx.Plugins.HeapStats.Walk;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Retention;

/// <summary>Why is it alive: the shortest path from a root to the object an expression or address names.</summary>
[Command("heap-path", Aliases = ["hp"],
    Summary = "Show why an object is alive: the shortest path to it from a root (--all N: from up to N roots).",
    Description = "EXPR is a Go expression in the selected frame (main.cache[3], *(*main.Node)(0xc000123456)) or an address. "
        + "A pointer, map, channel or slice names what it points to; any other value names the object it lives in. "
        + "Each step says how it holds the next: field, index, map key or value, interface, closure capture.")]
public sealed class HeapPathCommand(IGoHeap heap, IGoValues values) : ICommand
{
    /// <summary>The object, as an expression or an address.</summary>
    [Argument(0, Name = "EXPR", Required = true, Description = "A Go expression in the selected frame (quote it if it has spaces), or an address such as 0xc000123456")]
    public string Expression { get; set; } = "";

    /// <summary>How many paths, each from a different root.</summary>
    [Option("all", Description = "List up to N paths, each from a different root", ValueName = "N")]
    public int All { get; set; } = 1;

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (Expression.Length == 0)
        {
            throw new UsageException("heap-path needs an expression or an address");
        }

        if (All < 1)
        {
            throw new UsageException("--all must be 1 or more");
        }

        var address = await AddressAsync(cancellationToken);
        var result = await heap.FindPathsAsync(address, All, context.Progress, cancellationToken);
        var data = new HeapPathData(
            new HeapPathTarget(result.Target.Address, result.Target.Type, result.Target.Size),
            result.Paths.Select(p => p.Select(s => new HeapPathEntry(s.Kind, s.Name, s.Type, s.Address, s.Offset)).ToList()).ToList());
        return CommandResult.Create(Render(result), data);
    }

    private async Task<ulong> AddressAsync(CancellationToken cancellationToken)
    {
        var text = Expression.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && ulong.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }

        var value = await values.EvalAsync(text, EvalScope.Current, cancellationToken);
        return value.Type.Kind switch
        {
            GoKind.Pointer or GoKind.UnsafePointer or GoKind.Map or GoKind.Chan or GoKind.Func => value.IsNil ? throw new CommandException($"{text} is nil") : value.Pointer,
            GoKind.Slice or GoKind.String => value.IsNil || value.Length == 0 && value.Type.Kind == GoKind.String ? throw new CommandException($"{text} is empty") : BitConverter.ToUInt64(value.Bytes.Span),
            GoKind.Interface => value.IsNil ? throw new CommandException($"{text} is nil") : BitConverter.ToUInt64(value.Bytes.Span[8..]),
            _ => value.Address,
        };
    }

    private string Render(HeapPathResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{result.Target.Type} at 0x{result.Target.Address:x} ({result.Target.Size} bytes)");
        if (result.Paths.Count == 0)
        {
            return text.AppendLine().Append("Not reachable from any root: garbage the next collection frees.").ToString();
        }

        for (var i = 0; i < result.Paths.Count; i++)
        {
            text.AppendLine().AppendLine().Append(result.Paths.Count > 1 ? $"path {i + 1} of {result.Paths.Count}:" : "held by:");
            foreach (var step in result.Paths[i])
            {
                text.AppendLine().Append(step.Kind == HeapEdgeKind.Root
                    ? step.Name.Length > 0 ? $"  {step.Name}" : $"    -> {step.Type} at 0x{step.Address:x}"
                    : $"    {step.Name,-24} -> {step.Type} at 0x{step.Address:x}  ({HeapEdgeKindText.Describe(step.Kind)})");
            }
        }

        return text.ToString();
    }
}
