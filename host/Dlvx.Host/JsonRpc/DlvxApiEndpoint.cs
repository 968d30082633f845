using System.Text.Json;
using Dlvx.Host.Api;
using Dlvx.Host.Front;
using Dlvx.PluginRuntime.Commands;
using Dlvx.Sdk;

namespace Dlvx.Host.JsonRpc;

/// <summary>
/// Answers the dlvx API, the <c>Dlvx.*</c> methods, on a JSON-RPC connection: reads each request as its
/// typed request and answers with its typed response (see <see cref="DlvxMethods"/>).
/// </summary>
internal sealed class DlvxApiEndpoint(ProxyServices services)
{
    /// <summary>Answers one request.</summary>
    /// <param name="method">A method starting with <see cref="DlvxMethods.Prefix"/>.</param>
    /// <param name="argument">The request's one parameter as sent, or null.</param>
    /// <param name="notify">Sends a progress notification to the client.</param>
    /// <param name="cancellationToken">Cancelled when the connection ends or dlvx stops.</param>
    /// <returns>The response object.</returns>
    /// <exception cref="InterceptedRequestException">The request fails; the message is the JSON-RPC error.</exception>
    public async Task<object> AnswerAsync(string method, ReadOnlyMemory<byte>? argument, Func<ProgressNotification, Task> notify, CancellationToken cancellationToken) => method switch
    {
        DlvxMethods.ListCommands => ListCommands(),
        DlvxMethods.Run => await RunAsync(ReadRun(argument), notify, cancellationToken),
        DlvxMethods.Stats => Stats(),
        DlvxMethods.ReloadPlugins => services.Options.ReloadPlugins is { } reload
            ? await Task.Run(reload, cancellationToken)
            : throw new InterceptedRequestException("Dlvx.ReloadPlugins: this dlvx has no plugins to reload"),
        _ => throw new InterceptedRequestException($"unknown method: {method} (dlvx knows {string.Join(", ", DlvxMethods.Callable)})"),
    };

    private ListCommandsResponse ListCommands() => new(
        [.. services.Invoker.Catalog.Commands.Select(c => new CommandInfo(c.Command.Name, c.Command.Aliases, c.Command.Summary, c.Command.Usage, c.Plugin.Name, c.Plugin.Version))]);

    private StatsResponse Stats() => new(
        services.Options.PluginDelveRequests(),
        services.Options.PluginDelveRoundTrips(),
        services.Statistics.ClientConnectionsAccepted,
        services.Statistics.ClientConnectionsOpen,
        services.Statistics.DelveConnectionsOpened,
        services.Statistics.DelveConnectionsOpen,
        services.Invoker.Catalog.Plugins.Count,
        [.. services.Invoker.Catalog.Failures.Select(f => f.ToString())]);

    private static RunRequest ReadRun(ReadOnlyMemory<byte>? argument)
    {
        const string Shape = "Dlvx.Run: params must be [{\"Command\":\"NAME\",\"Args\":[\"...\"]}]";
        RunRequest? request;
        try
        {
            request = argument is { } json ? JsonSerializer.Deserialize<RunRequest>(json.Span, DlvxApiJson.Options) : null;
        }
        catch (JsonException e) when (e.Path?.StartsWith("$.Args", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InterceptedRequestException("Dlvx.Run: Args must be an array of strings", e);
        }
        catch (JsonException e)
        {
            throw new InterceptedRequestException(Shape, e);
        }

        return request is { Command: { } command } && !string.IsNullOrWhiteSpace(command)
            ? request
            : throw new InterceptedRequestException(Shape);
    }

    private async Task<RunResponse> RunAsync(RunRequest request, Func<ProgressNotification, Task> notify, CancellationToken cancellationToken)
    {
        List<string> words;
        try
        {
            words = [.. CommandLineSplitter.Split(request.Command!)];
        }
        catch (UsageException e)
        {
            throw new InterceptedRequestException($"Dlvx.Run: {e.Message}", e);
        }

        words.AddRange(request.Args ?? []);
        var progress = request.Progress ? new ThrottledProgress(report => notify(new ProgressNotification(words[0], report.Message, report.Fraction))) : null;
        var outcome = await services.Invoker.InvokeAsync(words, ClientKind.JsonRpc, progress, cancellationToken);
        if (progress is not null)
        {
            // The answer follows the progress it reported, never overtakes it.
            await progress.WhenSentAsync();
        }

        return outcome.Succeeded
            ? new RunResponse(outcome.Command, outcome.Text, outcome.Data)
            : throw new InterceptedRequestException(outcome.Text);
    }
}
