using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.PluginRuntime.Commands;
using Dlvx.Host.Front;
using Dlvx.Sdk;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Dap;

/// <summary>
/// One DAP client (VS Code, nvim-dap...) in front of its own DAP session with Delve. Messages pass
/// through unchanged, except <c>evaluate</c> of <c>dlv COMMAND</c> for plugin commands, answered
/// here, and <c>dlv help</c>, whose answer from Delve gets the plugin commands appended.
/// The DAP session with Delve starts with the first message that is not answered here (normally
/// <c>initialize</c>, which Delve's DAP server needs to see), so a client that sends nothing else
/// never reaches Delve.
/// </summary>
internal sealed class DapProxyConnection
{
    // Delve's own debug-console commands (service/dap/command.go in Delve 1.20).
    private static readonly HashSet<string> DelveConsoleCommands = new(StringComparer.Ordinal) { "help", "config", "sources" };

    private readonly Socket client;
    private readonly BackendConnection backend;
    private readonly CommandInvoker invoker;
    private readonly ProxyOptions options;
    private readonly ILogger logger;
    private readonly SemaphoreSlim clientWrite = new(1, 1);
    private readonly ConcurrentDictionary<long, ResponseRewrite> rewrites = new();
    private readonly InterceptedRequests intercepted = new();
    private readonly TaskCompletionSource delveClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Both written only by the client pump, when the first message passes through.
    private Socket? server;
    private Task? fromDelve;

    public DapProxyConnection(Socket client, BackendConnection backend, CommandInvoker invoker, ProxyOptions options, ILogger logger)
    {
        this.client = client;
        this.backend = backend;
        this.invoker = invoker;
        this.options = options;
        this.logger = logger;
    }

    private enum ResponseRewrite
    {
        AppendPluginHelp,
        ListPluginCommandsOnFailure,
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var connection = new CancellationTokenSource();
        var fromClient = PumpFromClientAsync(connection.Token);
        var stopping = Task.Delay(Timeout.Infinite, cancellationToken);
        await Task.WhenAny(delveClosed.Task, fromClient, stopping);
        if (cancellationToken.IsCancellationRequested)
        {
            // dlvx is stopping: read no new requests; give Delve a moment to answer those in flight.
            SocketClose.Quietly(client, SocketShutdown.Receive);
            if (backend.IsOpened)
            {
                await Task.Delay(300, CancellationToken.None);
            }
        }

        await intercepted.DrainAsync(TimeSpan.FromSeconds(2));
        await connection.CancelAsync();
        backend.Close();
        SocketClose.Quietly(client);
        await fromClient.ContinueWith(static _ => { }, TaskScheduler.Default);

        // Read once the client pump has ended: it is the only writer, and it opens no connection after Close.
        if (fromDelve is { } pump)
        {
            await pump.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private static string? GetString(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? GetLong(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    private async Task PumpFromClientAsync(CancellationToken cancellationToken)
    {
        var reader = new DapMessageReader(client, options.MaxMessageBytes);
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
                    await SendOutputAsync($"dlvx: malformed DAP message ({e.Message}); closing the connection\n", "important", cancellationToken);
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
                    await SendOutputAsync($"dlvx: DAP message body is not valid JSON ({e.Message}); closing the connection\n", "important", cancellationToken);
                    return;
                }

                if (body is null || GetString(body["type"]) is null)
                {
                    await SendOutputAsync("dlvx: DAP message is not an object with a \"type\"; closing the connection\n", "important", cancellationToken);
                    return;
                }

                if (TryIntercept(body, cancellationToken))
                {
                    continue;
                }

                if (server is null && !await OpenDelveAsync(body, cancellationToken))
                {
                    return;
                }

                await server!.SendAsync(message.Raw, SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    /// <summary>
    /// Starts the DAP session with Delve and the copying of its messages. Replies to intercepted
    /// requests may still be running: they and Delve's messages share <see cref="clientWrite"/>, as
    /// when the session was opened up front. Returns false, after telling the client why, when Delve
    /// cannot be reached.
    /// </summary>
    private async Task<bool> OpenDelveAsync(JsonObject firstMessage, CancellationToken cancellationToken)
    {
        Socket opened;
        try
        {
            opened = await backend.ConnectAsync(cancellationToken);
        }
        catch (SocketException e)
        {
            logger.LogWarning("cannot reach Delve at {Backend}: {Message}", backend.Endpoint, e.Message);
            var reason = $"dlvx: cannot reach Delve at {backend.Endpoint} ({e.Message}); closing the connection";
            if (GetString(firstMessage["type"]) == "request")
            {
                await SendAsync(
                    new JsonObject
                    {
                        ["seq"] = 0,
                        ["type"] = "response",
                        ["request_seq"] = GetLong(firstMessage["seq"]) ?? 0,
                        ["success"] = false,
                        ["command"] = GetString(firstMessage["command"]),
                        ["message"] = reason,
                    },
                    cancellationToken);
            }
            else
            {
                await SendOutputAsync(reason + "\n", "important", cancellationToken);
            }

            return false;
        }

        server = opened;
        fromDelve = PumpFromDelveAsync(opened, cancellationToken);
        _ = fromDelve.ContinueWith(_ => delveClosed.TrySetResult(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return true;
    }

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

        if (word == "help" || invoker.Handles(word))
        {
            Intercept(seq, commandLine, cancellationToken);
            return true;
        }

        if (!DelveConsoleCommands.Contains(word))
        {
            rewrites[seq] = ResponseRewrite.ListPluginCommandsOnFailure;
        }

        return false;
    }

    private void Intercept(long seq, string commandLine, CancellationToken cancellationToken)
    {
        var task = Task.Run(
            async () =>
            {
                var progress = new ThrottledProgress(report => SendOutputAsync($"{report.Message}\n", "console", cancellationToken));
                CommandOutcome outcome;
                try
                {
                    outcome = await invoker.InvokeAsync(commandLine, ClientKind.Dap, progress, cancellationToken, includeData: false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    outcome = CommandOutcome.Failure(commandLine, "dlvx is shutting down; the command was cancelled");
                }

                var response = new JsonObject
                {
                    ["seq"] = 0,
                    ["type"] = "response",
                    ["request_seq"] = seq,
                    ["success"] = outcome.Succeeded,
                    ["command"] = "evaluate",
                };
                if (outcome.Succeeded)
                {
                    response["body"] = new JsonObject { ["result"] = outcome.Text, ["variablesReference"] = 0 };
                }
                else
                {
                    // Only "message": a body.error "format" would have braces in the text taken as placeholders.
                    response["message"] = outcome.Text;
                }

                await SendAsync(response, CancellationToken.None);
            },
            CancellationToken.None);
        intercepted.Add(task);
    }

    private async Task PumpFromDelveAsync(Socket server, CancellationToken cancellationToken)
    {
        var reader = new DapMessageReader(server, int.MaxValue);
        try
        {
            while (await reader.ReadAsync(cancellationToken) is { } frame)
            {
                if (!rewrites.IsEmpty && Rewrite(frame) is { } rewritten)
                {
                    await SendAsync(rewritten, cancellationToken);
                    continue;
                }

                await SendRawAsync(frame.Raw, cancellationToken);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or FormatException)
        {
            // Delve closed the session.
        }
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

        var pluginHelp = invoker.Help([], "dlv ").Text;
        if (rewrite == ResponseRewrite.AppendPluginHelp && message["body"]?["result"] is JsonValue result && result.TryGetValue<string>(out var help))
        {
            message["body"]!["result"] = help.TrimEnd() + "\n\n" + pluginHelp;
        }
        else if (rewrite == ResponseRewrite.ListPluginCommandsOnFailure && message["success"] is JsonValue success && success.TryGetValue<bool>(out var ok) && !ok)
        {
            var names = string.Join(", ", invoker.Catalog.Commands.Select(c => c.Command.Name).Prepend("help").Concat(["config", "sources"]));
            message["message"] = $"{GetString(message["message"])}; known commands: {names}";
            if (message["body"]?["error"] is JsonObject error && GetString(error["format"]) is { } format)
            {
                error["format"] = $"{format}; known commands: {names}";
            }
        }

        return message;
    }

    private Task SendOutputAsync(string text, string category, CancellationToken cancellationToken) =>
        SendAsync(new JsonObject { ["seq"] = 0, ["type"] = "event", ["event"] = "output", ["body"] = new JsonObject { ["category"] = category, ["output"] = text } }, cancellationToken);

    private Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, WireJson.Options);
        var header = DapHeader.For(body.Length);
        var raw = new byte[header.Length + body.Length];
        header.CopyTo(raw, 0);
        body.CopyTo(raw, header.Length);
        return SendRawAsync(raw, cancellationToken);
    }

    private async Task SendRawAsync(ReadOnlyMemory<byte> raw, CancellationToken cancellationToken)
    {
        await clientWrite.WaitAsync(cancellationToken);
        try
        {
            await client.SendAsync(raw, SocketFlags.None, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client left.
        }
        finally
        {
            clientWrite.Release();
        }
    }
}
