using System.Text.Json;
using Dlvx.PluginRuntime.Delve;
using Dlvx.Host.Terminal;
using Dlvx.Sdk.Delve;

namespace Dlvx.Host.Cli;

/// <summary>A client of a running dlvx, for the shell commands (<c>run</c>, <c>commands</c>, <c>connect</c>).</summary>
internal sealed class DlvxRemote : IAsyncDisposable
{
    private readonly DelveClient client;

    public DlvxRemote(DelveEndpoint address)
    {
        Address = address;
        client = new DelveClient(address);
    }

    public DelveEndpoint Address { get; }

    public async Task<IReadOnlyList<TerminalCommand>> ListCommandsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await client.CallAsync<CommandList>("Dlvx.ListCommands", new { }, cancellationToken);
            return list.Commands?.Select(c => new TerminalCommand(c.Name, c.Aliases ?? [], c.Summary ?? "", c.Usage ?? c.Name, c.Plugin ?? "")).ToList() ?? [];
        }
        catch (DelveException e) when (e.Message.Contains("unknown method", StringComparison.Ordinal))
        {
            throw new DelveException($"{Address} is a plain Delve server, not dlvx; start dlvx in front of it with: dlvx proxy --backend {Address}");
        }
    }

    public Task<RunReply> RunAsync(IReadOnlyList<string> words, CancellationToken cancellationToken) =>
        client.CallAsync<RunReply>("Dlvx.Run", new { Command = words[0], Args = words.Skip(1).ToArray() }, cancellationToken);

    public ValueTask DisposeAsync() => client.DisposeAsync();

    internal sealed class RunReply
    {
        public string Command { get; set; } = "";

        public string Text { get; set; } = "";

        public JsonElement? Data { get; set; }
    }

    private sealed class CommandList
    {
        public List<CommandEntry>? Commands { get; set; }
    }

    private sealed class CommandEntry
    {
        public string Name { get; set; } = "";

        public List<string>? Aliases { get; set; }

        public string? Summary { get; set; }

        public string? Usage { get; set; }

        public string? Plugin { get; set; }

        public string? PluginVersion { get; set; }
    }
}
