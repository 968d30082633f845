using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.Host.Dap;
using Dlvx.Host.Front;
using Dlvx.PluginRuntime.Delve;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// One editor's connection to <c>dlvx dap</c>, from <c>initialize</c> to <c>disconnect</c>.
/// </summary>
/// <remarks>
/// <para>
/// Before the launch dlvx answers the editor itself: <c>initialize</c> with what every supported Delve
/// offers (<see cref="DapCapabilities"/>). A <c>launch</c> or <c>attach</c> is translated
/// (<see cref="LaunchTranslator"/>) into what <c>dlvx exec</c>, <c>debug</c>, <c>core</c> or
/// <c>attach</c> would run: a build for modes debug and test, then a supervised headless Delve and a
/// dlvx session in front of it (<see cref="LaunchedSession"/>). dlvx then opens the editor's session
/// on that front port as a remote-attach client does, passing on the editor's <c>initialize</c> and
/// the launch's session settings, and answers the launch with Delve's answer. From there the editor's
/// messages go through unchanged (<see cref="DapSessionRelay"/>): breakpoints, configurationDone,
/// stepping and evaluation are Delve's, <c>dlv</c> plugin commands are dlvx's, as on the attach route.
/// </para>
/// <para>
/// <c>disconnect</c> is dlvx's again: it stops Delve, which halts the program and kills it (launched)
/// or detaches (attached), as <c>dlv dap</c> does; then the connection and dlvx end.
/// </para>
/// <para>
/// Why this file is long (about 440 lines): the editor's request sequence and the answer to each
/// wrong step (a request before initialize, a second launch, a launch that fails to build or start)
/// read best in one place. The translation, the session and the relay are already types of their own.
/// </para>
/// </remarks>
internal sealed class DapClientSession : IAsyncDisposable
{
    private readonly Socket client;
    private readonly DapMessageReader reader;
    private readonly ClientWriter editor;
    private readonly OutputEventQueue output;
    private readonly DapAdapterSettings settings;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly TextWriter? delveLog;
    private readonly LaunchTranslator translator;
    private readonly List<string> temporaryFolders = [];
    private DapFrame? initialize;
    private LaunchPlan? plan;
    private LaunchedSession? launched;
    private NoDebugProgram? noDebug;

    public DapClientSession(Socket client, DapAdapterSettings settings, ILoggerFactory loggerFactory, TextWriter? delveLog)
    {
        this.client = client;
        this.settings = settings;
        this.loggerFactory = loggerFactory;
        this.delveLog = delveLog;
        logger = loggerFactory.CreateLogger("dap");
        reader = new DapMessageReader(client, settings.Session.MaxMessageBytes);
        editor = new ClientWriter(client);
        output = new OutputEventQueue(editor);
        translator = new LaunchTranslator(Environment.CurrentDirectory, settings.Backend, TemporaryOutput);
    }

    /// <summary>The launched session, while there is one.</summary>
    public LaunchedSession? Launched => launched;

    /// <summary>Serves the editor's requests until it disconnects or closes the connection.</summary>
    public async Task<DapSessionOutcome> RunAsync(CancellationToken cancellationToken)
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
                return DapSessionOutcome.Ended;
            }
            catch (SocketException)
            {
                return DapSessionOutcome.Ended;
            }

            if (frame is not { } message)
            {
                logger.LogDebug("the editor closed the connection");
                return DapSessionOutcome.Ended;
            }

            JsonObject? request;
            try
            {
                request = JsonNode.Parse(message.Body.Span) as JsonObject;
            }
            catch (JsonException e)
            {
                await SendAsync(DapMessages.Output($"dlvx: DAP message body is not valid JSON ({e.Message}); closing the connection\n", "important"));
                return DapSessionOutcome.Ended;
            }

            if (Text(request?["type"]) != "request")
            {
                // An answer to a reverse request: Delve's, as dlvx sends none.
                if (launched is { } answered)
                {
                    await answered.Relay.ForwardAsync(message, cancellationToken);
                }

                continue;
            }

            var command = Text(request!["command"]) ?? "";
            var seq = Number(request["seq"]);
            logger.LogDebug("editor request {Command} (seq {Seq})", command, seq);
            if (command == "disconnect")
            {
                return await DisconnectAsync(seq, request["arguments"] as JsonObject);
            }

            if (launched is { } session && command is not ("launch" or "attach"))
            {
                if (session.Relay.SessionClosed.IsCompleted || !await session.Relay.ForwardAsync(message, cancellationToken))
                {
                    await SendAsync(DapMessages.Response(seq, command, success: false, message: $"dlvx: the debug session has ended; '{command}' cannot be answered"));
                }

                continue;
            }

            switch (command)
            {
                case "initialize" when plan is null:
                    initialize = message;
                    await SendAsync(DapMessages.Response(seq, command, success: true, body: DapCapabilities.Baseline()));
                    break;
                case "launch" or "attach" when plan is null:
                    await LaunchAsync(seq, command, request["arguments"] as JsonObject, cancellationToken);
                    break;
                default:
                    await SendAsync(DapMessages.Response(seq, command, success: false, message: Refusal(command)));
                    break;
            }
        }
    }

    /// <summary>Stops whatever still runs (as Delve would on exit), removes what the build wrote, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (launched is not null)
        {
            await launched.DisposeAsync();
        }

        if (noDebug is not null)
        {
            await noDebug.DisposeAsync();
        }

        await output.DisposeAsync();
        SocketClose.Quietly(client);
        client.Dispose();
        RemoveBuildOutput();
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : 0;

    private string Refusal(string command) => command switch
    {
        "initialize" => "dlvx: initialize was already answered",
        "launch" or "attach" when noDebug is not null => $"dlvx: '{command}': this connection already runs a program (noDebug)",
        "launch" or "attach" => $"dlvx: '{command}': this connection already has a debug session (dlvx dap serves one per connection, as dlv dap does)",
        _ when noDebug is not null => $"dlvx: '{command}' is not available: the program runs without debugging (noDebug)",
        _ => $"dlvx: '{command}' must follow a launch or attach request, which starts the debug session",
    };

    private Task SendAsync(byte[] message) => editor.WriteAsync(message, CancellationToken.None);

    private async Task LaunchAsync(long seq, string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        var failure = command == "launch" ? "Failed to launch" : "Failed to attach";
        var started = false;
        try
        {
            plan = translator.Translate(command, arguments);
            logger.LogDebug("{Command} in mode {Mode}{NoDebug}: Delve {DelveMode} {Targets}", command, plan.Mode, plan.NoDebug ? " (noDebug)" : "", plan.DelveMode, string.Join(' ', plan.DelveTargets));
            started = await StartAsync(plan, seq, command, cancellationToken);
        }
        catch (LaunchRefusedException e)
        {
            logger.LogDebug("{Command} refused: {Reason}", command, e.Message);
            await SendAsync(DapMessages.Response(seq, command, success: false, message: $"{failure}: {e.Message}"));
        }
        catch (DelveStartException e)
        {
            logger.LogDebug("Delve did not start: {Reason}", e.Message);
            await SendAsync(DapMessages.Response(seq, command, success: false, message: $"{failure}: {e.Message}"));
        }

        if (!started)
        {
            // Nothing runs; as with dlv dap, the editor may try again (after fixing the build) or disconnect.
            RemoveBuildOutput();
            plan = null;
        }
    }

    /// <summary>Builds and starts what <paramref name="plan"/> says and answers the request; false when the build failed (and the request was answered so).</summary>
    private async Task<bool> StartAsync(LaunchPlan plan, long seq, string command, CancellationToken cancellationToken)
    {
        if (plan.DelveMode == DelveLaunchMode.Replay && DelveTool.Resolve("rr") is null)
        {
            throw new LaunchRefusedException("mode replay replays an rr recording with Delve's rr backend, and rr is not on PATH (https://rr-project.org)");
        }

        DelveTool? delve = null;
        if (!plan.NoDebug)
        {
            delve = await DelveTool.InspectAsync(settings.DlvPath, cancellationToken);
            if (delve.Problem is not null)
            {
                var missing = DelveTool.Resolve(settings.DlvPath) is null
                    ? settings.DlvPath.Contains('/', StringComparison.Ordinal) ? $"there is no Delve at {settings.DlvPath}" : $"there is no {settings.DlvPath} (Delve) on PATH"
                    : delve.Problem;
                throw new LaunchRefusedException(
                    $"{missing}: install Delve (Debian/Ubuntu: apt-get install -y delve; elsewhere: go install github.com/go-delve/delve/cmd/dlv@latest), or name it with --dlv PATH in the configuration's dlvFlags, or set DLVX_DLV");
            }
        }

        var workingDirectory = plan.TargetWorkingDirectory;
        if (plan.Build is { } build)
        {
            if (delve is not null && settings.CheckGoVersion)
            {
                // The Go that will build the program, checked before a build that may take a while.
                var toolchain = await GoVersionCheck.TargetGoVersionAsync(new DelveLaunchOptions { Mode = DelveLaunchMode.Debug, WorkingDirectory = build.Directory }, cancellationToken);
                if (GoVersionCheck.Problem(delve, toolchain) is { } problem)
                {
                    throw new LaunchRefusedException(problem);
                }
            }

            var built = await DebugBuilder.BuildAsync(build, plan.Environment, cancellationToken);
            if (!built.Succeeded)
            {
                // As dlv dap reports it: the compiler's messages in the console, a short error for the request.
                await SendAsync(DapMessages.Output($"Build Error: {built.CommandLine}\n{built.Output} ({built.ExitStatus})\n", "stderr"));
                await SendAsync(DapMessages.Response(seq, command, success: false, message: "Build error: Check the debug console for details."));
                return false;
            }

            workingDirectory ??= await DebugBuilder.PackageFolderAsync(build, plan.Environment, cancellationToken);
        }

        workingDirectory ??= Environment.CurrentDirectory;
        if (plan.NoDebug)
        {
            noDebug = NoDebugProgram.Start(plan, workingDirectory, output);
            await SendAsync(DapMessages.Response(seq, command, success: true));
            _ = ReportNoDebugExitAsync(noDebug);
            return true;
        }

        var options = new DelveLaunchOptions
        {
            Mode = plan.DelveMode,
            Targets = plan.DelveTargets,
            ProgramArguments = plan.ProgramArguments,
            WorkingDirectory = workingDirectory,
            Environment = plan.Environment,
            ExtraFlags = [.. settings.DelveFlags, .. plan.DelveFlags],
            DlvPath = settings.DlvPath,
            CheckGoVersion = settings.CheckGoVersion,
        };
        var session = await LaunchedSession.StartAsync(options, settings.Session, loggerFactory, editor, output, delveLog, cancellationToken);
        logger.LogDebug("Delve (pid {Pid}) at {Delve}; the session's front port is {Front}", session.Delve.ProcessId, session.Delve.Endpoint, session.Server.Address);
        SessionHandshake handshake;
        try
        {
            initialize ??= DefaultInitialize();
            handshake = await session.Relay.OpenAsync(
                initialize.Value,
                new JsonObject { ["seq"] = seq, ["type"] = "request", ["command"] = "attach", ["arguments"] = plan.SessionArguments },
                cancellationToken);
            foreach (var answer in new[] { handshake.InitializeResponse, handshake.AttachResponse })
            {
                if (answer["success"] is not JsonValue ok || !ok.GetValue<bool>())
                {
                    throw new LaunchRefusedException(Text(answer["body"]?["error"]?["format"]) ?? Text(answer["message"]) ?? "Delve refused the session");
                }
            }
        }
        catch (LaunchRefusedException e)
        {
            // Delve can die just after it listens (dlv replay, when rr cannot run): its last words are the reason.
            var died = await session.Delve.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
            var reason = session.Delve.StandardError.Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0 && !l.StartsWith("API server", StringComparison.Ordinal))?.Trim();
            await session.DisposeAsync();
            if (died)
            {
                throw new LaunchRefusedException($"Delve exited with code {session.Delve.Exited.Result}{(string.IsNullOrEmpty(reason) ? "" : $": {reason}")}", e);
            }

            throw;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        launched = session;
        if (DapCapabilities.Changes(handshake.InitializeResponse["body"] as JsonObject) is { } changes)
        {
            await SendAsync(DapMessages.Frame(new JsonObject { ["seq"] = 0, ["type"] = "event", ["event"] = "capabilities", ["body"] = new JsonObject { ["capabilities"] = changes } }));
        }

        foreach (var message in handshake.Events)
        {
            // Delve offers to leave a target running on disconnect because it serves many clients;
            // a launched program is the editor's own, and dlv dap does not offer it for a launch.
            if (plan.Request == "launch" && Text(message["event"]) == "capabilities" && DapCapabilities.IsDecidedByDlvx(message))
            {
                continue;
            }

            await SendAsync(DapMessages.Frame(message));
        }

        await SendAsync(DapMessages.Response(seq, command, success: true));
        session.Relay.StartRelaying(CancellationToken.None);
        _ = ReportUnexpectedEndAsync(session);
        await SendAsync(DapMessages.Output(
            $"dlvx: plugin commands are in this console (dlv help); the session is also served at {session.Server.Address} (dlvx connect {session.Server.Address})\n", "console"));
        return true;
    }

    private async Task<DapSessionOutcome> DisconnectAsync(long seq, JsonObject? arguments)
    {
        var outcome = DapSessionOutcome.Ended;
        if (launched is { } session && !session.Relay.SessionClosed.IsCompleted)
        {
            var terminate = plan!.TerminatesOnDisconnect(arguments);
            if (!terminate && plan.Request == "launch")
            {
                // Delve always kills a program it launched when it detaches; leaving it running means
                // leaving it under Delve, served where any client can attach again.
                await SendAsync(DapMessages.Output(
                    $"dlvx: the program stays under Delve, served at {session.Server.Address} (attach in mode remote, or dlvx connect {session.Server.Address}); stop dlvx (pid {Environment.ProcessId}) to end it\n", "console"));
                outcome = DapSessionOutcome.KeepServing;
                await session.ReleaseEditorAsync();
            }
            else
            {
                logger.LogDebug("disconnect: {Action}", terminate ? "killing the program" : "detaching from the program");
                await session.StopAsync(terminate);
            }
        }

        if (noDebug is { } program)
        {
            await program.DisposeAsync();
        }

        // Every line of the program's output before the end of the session.
        await output.DisposeAsync();
        await SendAsync(DapMessages.Response(seq, "disconnect", success: true));
        await SendAsync(DapMessages.Frame(new JsonObject { ["seq"] = 0, ["type"] = "event", ["event"] = "terminated" }));
        return outcome;
    }

    private async Task ReportNoDebugExitAsync(NoDebugProgram program)
    {
        var code = await program.Exited;
        output.Add($"Process {program.ProcessId} has exited with status {code}", "console");
        await output.DisposeAsync();
        await SendAsync(DapMessages.Frame(new JsonObject { ["seq"] = 0, ["type"] = "event", ["event"] = "terminated" }));
    }

    private async Task ReportUnexpectedEndAsync(LaunchedSession session)
    {
        await session.Relay.SessionClosed;
        if (session.EndExpected)
        {
            return;
        }

        var exited = session.Delve.Exited.IsCompleted ? $"Delve exited with code {session.Delve.Exited.Result}" : "the session's connection to Delve closed";
        var error = session.Delve.StandardError.Trim().Split('\n').LastOrDefault()?.Trim();
        await SendAsync(DapMessages.Output($"dlvx: {exited}{(string.IsNullOrEmpty(error) ? "" : $" ({error})")}; the debug session has ended\n", "important"));
        await SendAsync(DapMessages.Frame(new JsonObject { ["seq"] = 0, ["type"] = "event", ["event"] = "terminated" }));
    }

    // An editor that launches without initialize still gets a session; these are Delve's requirements.
    private static DapFrame DefaultInitialize()
    {
        var frame = DapMessages.Frame(new JsonObject
        {
            ["seq"] = 0,
            ["type"] = "request",
            ["command"] = "initialize",
            ["arguments"] = new JsonObject { ["adapterID"] = "go", ["pathFormat"] = "path", ["linesStartAt1"] = true, ["columnsStartAt1"] = true },
        });
        var headerLength = Array.IndexOf(frame, (byte)'{');
        return new DapFrame(frame, frame.AsMemory(headerLength));
    }

    private string TemporaryOutput()
    {
        var folder = Directory.CreateTempSubdirectory("dlvx-dap-").FullName;
        temporaryFolders.Add(folder);
        return Path.Combine(folder, "__debug_bin");
    }

    // dlv dap removes the binary it built, named or not; dlvx removes its temporary folder too.
    private void RemoveBuildOutput()
    {
        try
        {
            if (plan?.Build is { } build && File.Exists(build.Output))
            {
                File.Delete(build.Output);
            }

            foreach (var folder in temporaryFolders)
            {
                Directory.Delete(folder, recursive: true);
            }

            temporaryFolders.Clear();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("could not remove the built program: {Message}", e.Message);
        }
    }
}
