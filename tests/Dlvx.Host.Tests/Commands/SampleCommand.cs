using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

/// <summary>A command with one option of each interesting type, for the binder and help tests.</summary>
[Command("sample-cmd", Aliases = ["sc"], Summary = "A sample command.", Description = "Longer text about the sample.")]
public sealed class SampleCommand : ICommand
{
    [Option("count", Aliases = ["n"], Description = "How many")]
    public int Count { get; set; } = 3;

    [Option("verbose", Aliases = ["v"], Description = "Say more")]
    public bool Verbose { get; set; }

    [Option("sort", Description = "Order")]
    public SortOrder Sort { get; set; } = SortOrder.BySize;

    [Option("timeout", ValueName = "DURATION", Description = "How long")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    [Option("filter", Description = "Regexp")]
    public string Filter { get; set; } = "";

    [Argument(0, Name = "TARGET", Description = "What to look at", Required = true)]
    public string Target { get; set; } = "";

    [Argument(1, Name = "LIMIT", Description = "At most")]
    public int? Limit { get; set; }

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(Target));
}
