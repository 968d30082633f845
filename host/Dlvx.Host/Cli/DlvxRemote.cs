using Dlvx.Host.Api;
using Dlvx.Host.Terminal;
using Dlvx.PluginRuntime.Delve;
using Dlvx.Sdk.Delve;

namespace Dlvx.Host.Cli;

/// <summary>A client of a running dlvx's API, for the shell commands (<c>run</c>, <c>commands</c>, <c>connect</c>, <c>starlark</c>) and the demo.</summary>
internal sealed class DlvxRemote : IAsyncDisposable
{
    private readonly DelveClient client;

    /// <param name="address">The running dlvx.</param>
    /// <param name="progress">Where <c>Dlvx.Progress</c> notifications go while <see cref="RunAsync"/> runs; null asks for none.</param>
    public DlvxRemote(DelveEndpoint address, IProgress<ProgressNotification>? progress = null)
    {
        Address = address;
        client = new DelveClient(address);
        if (progress is not null)
        {
            client.OnNotification<ProgressNotification>(DlvxMethods.Progress, progress.Report);
            WantsProgress = true;
        }
    }

    public DelveEndpoint Address { get; }

    private bool WantsProgress { get; }

    public async Task<IReadOnlyList<TerminalCommand>> ListCommandsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await client.CallAsync<ListCommandsResponse>(DlvxMethods.ListCommands, new ListCommandsRequest(), cancellationToken);
            return [.. list.Commands.Select(c => new TerminalCommand(c.Name, c.Aliases ?? [], c.Summary ?? "", c.Usage ?? c.Name, c.Plugin ?? ""))];
        }
        catch (DelveException e) when (e.Message.Contains("unknown method", StringComparison.Ordinal))
        {
            throw new DelveException($"{Address} is a plain Delve server, not dlvx; start dlvx in front of it with: dlvx proxy --backend {Address}");
        }
    }

    /// <summary>Runs a command given as its name followed by its arguments.</summary>
    public Task<RunResponse> RunAsync(IReadOnlyList<string> words, CancellationToken cancellationToken) =>
        client.CallAsync<RunResponse>(DlvxMethods.Run, new RunRequest(words[0], [.. words.Skip(1)], WantsProgress), cancellationToken);

    /// <summary>Asks the session to look for plugins again and reload those whose files changed.</summary>
    public Task<ReloadPluginsResponse> ReloadPluginsAsync(CancellationToken cancellationToken) =>
        client.CallAsync<ReloadPluginsResponse>(DlvxMethods.ReloadPlugins, new ReloadPluginsRequest(), cancellationToken);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
