using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.Host.Front;
using Dlvx.PluginRuntime.Commands;
using Dlvx.Sdk;

namespace Dlvx.Host.Dap;

/// <summary>
/// A DAP client (VS Code, nvim-dap...) of the front port. Frames messages by their Content-Length
/// header; they pass through to its own DAP session with Delve unchanged, except <c>evaluate</c> of
/// <c>dlv COMMAND</c> for plugin commands, answered here with the command's progress as output
/// events, and <c>dlv help</c>, whose answer from Delve gets the plugin commands appended. The
/// session with Delve starts with the first message not answered here (normally <c>initialize</c>).
/// The lifecycle is <see cref="ProxyConnection"/>'s.
/// </summary>
internal sealed class DapProxyConnection(Socket client, BackendConnection backend, ProxyServices services)
    : ProxyConnection(client, backend, services)
{
    // Delve's own debug-console commands (service/dap/command.go in Delve 1.20).
    private static readonly HashSet<string> DelveConsoleCommands = new(StringComparer.Ordinal) { "help", "config", "sources" };

    private readonly ConcurrentDictionary<long, ResponseRewrite> rewrites = new();

    private enum ResponseRewrite
    {
        AppendPluginHelp,
        ListPluginCommandsOnFailure,
    }

    /// <summary>DAP has no request count to balance; Delve gets a moment to answer what it has.</summary>
    protected override Task WaitForDelveAnswersAsync(Task delveClosed) =>
        Task.WhenAny(delveClosed, Task.Delay(300, CancellationToken.None));

    protected override async Task PumpFromClientAsync(CancellationToken cancellationToken)
    {
        var reader = new DapMessageReader(Client, Services.Options.MaxMessageBytes);
        try
        {
            while (true)
            {
                DapFrame? frame;
                try
                {
                    frame = await reader.ReadAsync(cancellationToken);
                }
                catch (FormatException e)
                {
                    await SendAsync(DapMessages.Output($"dlvx: malformed DAP message ({e.Message}); closing the connection\n", "important"));
                    return;
                }

                if (frame is not { } message)
                {
                    return;
                }

                JsonObject? body;
                try
                {
                    body = JsonNode.Parse(message.Body.Span) as JsonObject;
                }
                catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
                {
                    // A body that is not JSON means the framing can no longer be trusted (a lying Content-Length).
                    await SendAsync(DapMessages.Output($"dlvx: DAP message body is not valid JSON ({e.Message}); closing the connection\n", "important"));
                    return;
                }

                if (body is null || GetString(body["type"]) is null)
                {
                    await SendAsync(DapMessages.Output("dlvx: DAP message is not an object with a \"type\"; closing the connection\n", "important"));
                    return;
                }

                if (TryIntercept(body, cancellationToken))
                {
                    continue;
                }

                var delve = Delve;
                if (delve is null)
                {
                    (delve, var failure) = await OpenDelveAsync(cancellationToken);
                    if (delve is null)
                    {
                        await SendAsync(GetString(body["type"]) == "request"
                            ? DapMessages.Response(GetLong(body["seq"]) ?? 0, GetString(body["command"]), success: false, message: failure)
                            : DapMessages.Output(failure + "\n", "important"));
                        return;
                    }
                }

                await delve.SendAsync(message.Raw, SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    protected override async Task PumpFromDelveAsync(Socket delve, CancellationToken cancellationToken)
    {
        var reader = new DapMessageReader(delve, int.MaxValue);
        try
        {
            while (await reader.ReadAsync(cancellationToken) is { } frame)
            {
                var rewritten = rewrites.IsEmpty ? null : Rewrite(frame);
                await Writer.WriteAsync(rewritten is null ? frame.Raw : DapMessages.Frame(rewritten), cancellationToken);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or FormatException)
        {
            // Delve closed the session.
        }
    }

    private static string? GetString(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? GetLong(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    private Task SendAsync(byte[] message) => Writer.WriteAsync(message, CancellationToken.None);

    private bool TryIntercept(JsonObject request, CancellationToken cancellationToken)
    {
        if (GetString(request["type"]) != "request" || GetString(request["command"]) != "evaluate")
        {
            return false;
        }

        var seq = GetLong(request["seq"]) ?? 0;
        var commandLine = CommandLinePattern.Match(GetString(request["arguments"]?["expression"]));
        if (commandLine is null)
        {
            return false;
        }

        var word = CommandLinePattern.FirstWord(commandLine);
        if (word == "help" && commandLine.Trim() == "help")
        {
            // Delve answers with its own console commands; ours are appended to its answer.
            rewrites[seq] = ResponseRewrite.AppendPluginHelp;
            return false;
        }

        if (word == "help" || Invoker.Handles(word))
        {
            RunBeside(() => EvaluateAsync(seq, commandLine, cancellationToken));
            return true;
        }

        if (!DelveConsoleCommands.Contains(word))
        {
            rewrites[seq] = ResponseRewrite.ListPluginCommandsOnFailure;
        }

        return false;
    }

    private async Task EvaluateAsync(long seq, string commandLine, CancellationToken cancellationToken)
    {
        var progress = new ThrottledProgress(report => SendAsync(DapMessages.Output($"{report.Message}\n", "console")));
        CommandOutcome outcome;
        try
        {
            outcome = await Invoker.InvokeAsync(commandLine, ClientKind.Dap, progress, cancellationToken, includeData: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = CommandOutcome.Failure(commandLine, "dlvx is shutting down; the command was cancelled");
        }

        // The answer follows the progress it reported, never overtakes it.
        await progress.WhenSentAsync();
        await SendAsync(outcome.Succeeded
            ? DapMessages.Response(seq, "evaluate", success: true, body: new JsonObject { ["result"] = outcome.Text, ["variablesReference"] = 0 })
            : DapMessages.Response(seq, "evaluate", success: false, message: outcome.Text));
    }

    private JsonObject? Rewrite(DapFrame frame)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(frame.Body.Span) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (message is null || GetString(message["type"]) != "response" || GetLong(message["request_seq"]) is not { } requestSeq
            || !rewrites.TryRemove(requestSeq, out var rewrite))
        {
            return null;
        }

        if (rewrite == ResponseRewrite.AppendPluginHelp && message["body"]?["result"] is JsonValue result && result.TryGetValue<string>(out var help))
        {
            message["body"]!["result"] = help.TrimEnd() + "\n\n" + Invoker.Help("dlv ").Text;
        }
        else if (rewrite == ResponseRewrite.ListPluginCommandsOnFailure && message["success"] is JsonValue success && success.TryGetValue<bool>(out var ok) && !ok)
        {
            var names = string.Join(", ", Invoker.Catalog.Commands.Select(c => c.Command.Name).Prepend("help").Concat(["config", "sources"]));
            message["message"] = $"{GetString(message["message"])}; known commands: {names}";
            if (message["body"]?["error"] is JsonObject error && GetString(error["format"]) is { } format)
            {
                error["format"] = $"{format}; known commands: {names}";
            }
        }

        return message;
    }
}
