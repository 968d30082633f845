using System.CommandLine;
using Dlvx.PluginRuntime.Delve;
using Dlvx.Host.Session;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Cli;

/// <summary><c>exec</c>, <c>debug</c>, <c>attach</c>, <c>core</c> and <c>proxy</c>: the commands that serve a session.</summary>
internal static class SessionCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Launching("exec", "Start a compiled Go program under Delve and serve it", DelveLaunchMode.Exec,
            new Argument<string>("binary") { Description = "The program to run (build it with -gcflags='all=-N -l')" }, takesProgramArgs: true);
        yield return Launching("debug", "Build a Go package with debug flags, run it under Delve and serve it", DelveLaunchMode.Debug,
            new Argument<string>("package") { Description = "The package to build (default: the current folder)", Arity = ArgumentArity.ZeroOrOne }, takesProgramArgs: true);
        yield return Launching("attach", "Attach Delve to a running process and serve it", DelveLaunchMode.Attach,
            new Argument<string>("pid") { Description = "The process id" }, takesProgramArgs: false);
        yield return Core();
        yield return Replay();
        yield return Proxy();
    }

    private static Command Launching(string name, string description, DelveLaunchMode mode, Argument<string> target, bool takesProgramArgs)
    {
        var command = new Command(name, description);
        var session = new SessionOptions();
        var programArgs = new Argument<string[]>("args") { Description = "Arguments for the program, after --", Arity = ArgumentArity.ZeroOrMore };
        var continueOption = new Option<bool>("--continue") { Description = "Run the target at once instead of stopping at entry" };
        command.Arguments.Add(target);
        if (takesProgramArgs)
        {
            command.Arguments.Add(programArgs);
        }

        command.Options.Add(continueOption);
        session.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var value = result.GetValue(target);
            if (mode == DelveLaunchMode.Attach && !int.TryParse(value, out _))
            {
                throw new FormatException($"'{value}' is not a process id");
            }

            // Checked here so that a typo is one clear line, not a Delve that starts and dies.
            if (mode == DelveLaunchMode.Attach && OperatingSystem.IsLinux() && !Directory.Exists($"/proc/{value}"))
            {
                throw new FormatException($"no process with id {value}");
            }

            if (mode == DelveLaunchMode.Exec)
            {
                RequireFile(value!, "a compiled Go program (dlvx debug builds a package and runs it)");
            }

            var options = new DelveLaunchOptions
            {
                Mode = mode,
                Targets = string.IsNullOrEmpty(value) ? [] : [value],
                ProgramArguments = takesProgramArgs ? result.GetValue(programArgs) ?? [] : [],
                Continue = result.GetValue(continueOption),
                DlvPath = session.DlvPath(result),
            };
            return ServeLaunchedAsync(session.Read(result), options, cancellationToken);
        });
        return command;
    }

    private static Command Core()
    {
        var command = new Command("core", "Open a core dump under Delve and serve it");
        var executable = new Argument<string>("executable") { Description = "The program that dumped core" };
        var core = new Argument<string>("core") { Description = "The core file" };
        var session = new SessionOptions();
        command.Arguments.Add(executable);
        command.Arguments.Add(core);
        session.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            RequireFile(result.GetValue(executable)!, "the program that dumped core");
            RequireFile(result.GetValue(core)!, "a core file");
            return ServeLaunchedAsync(
                session.Read(result),
                new DelveLaunchOptions { Mode = DelveLaunchMode.Core, Targets = [result.GetValue(executable)!, result.GetValue(core)!], DlvPath = session.DlvPath(result) },
                cancellationToken);
        });
        return command;
    }

    private static Command Replay()
    {
        var command = new Command("replay", "Replay an rr recording under Delve (dlv replay) and serve it; plugin commands read the replayed target");
        var trace = new Argument<string>("trace") { Description = "The trace directory rr record wrote (by default under ~/.local/share/rr)" };
        var session = new SessionOptions();
        command.Arguments.Add(trace);
        session.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = result.GetValue(trace)!;
            var dlv = session.DlvPath(result);
            var settings = session.Read(result);
            if (await RrCheck.ProblemAsync(directory, dlv, cancellationToken) is { } problem)
            {
                Console.Error.WriteLine($"dlvx replay: {problem}");
                return 2;
            }

            try
            {
                return await ServeLaunchedAsync(settings, new DelveLaunchOptions { Mode = DelveLaunchMode.Replay, Targets = [directory], DlvPath = dlv }, cancellationToken);
            }
            catch (DelveStartException e)
            {
                Console.Error.WriteLine($"dlvx replay: Delve could not replay {directory}: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <exception cref="FormatException"><paramref name="path"/> is not a file; the message says what was expected.</exception>
    private static void RequireFile(string path, string expected)
    {
        if (Directory.Exists(path))
        {
            throw new FormatException($"{path} is a folder; expected {expected}");
        }

        if (!File.Exists(path))
        {
            throw new FormatException($"{path}: no such file; expected {expected}");
        }
    }

    private static Command Proxy()
    {
        var command = new Command("proxy", "Front a Delve server that is already running (started with --headless --accept-multiclient --api-version=2)");
        var backend = new Option<string>("--backend") { Description = "The Delve server, HOST:PORT", Required = true };
        var session = new SessionOptions();
        command.Options.Add(backend);
        session.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = session.Read(result);
            var endpoint = DelveEndpoint.Parse(result.GetValue(backend)!);
            if (await BackendCheck.ProblemAsync(endpoint, cancellationToken) is { } problem)
            {
                Console.Error.WriteLine($"dlvx: {problem}");
                return 1;
            }

            return await ServeAsync(settings, endpoint, null, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ServeLaunchedAsync(SessionSettings settings, DelveLaunchOptions options, CancellationToken cancellationToken)
    {
        // Check the address before starting Delve, so a typo does not leave a target behind.
        ListenAddress.Parse(settings.Listen, settings.AllowNonLoopback);
        StartupProfile.Mark("runtime and command line");
        var delve = await DelveServerProcess.StartAsync(options, cancellationToken);
        StartupProfile.Mark("Delve listening");
        delve.TargetOutput += line => Console.Out.WriteLine(line);
        try
        {
            // A replay starts rr after Delve's listening line and can still fail: be sure before saying dlvx listens.
            if (options.Mode == DelveLaunchMode.Replay)
            {
                await delve.WaitUntilServingAsync(options.StartTimeout, cancellationToken);
            }

            return await ServeAsync(settings, delve.Endpoint, delve, cancellationToken);
        }
        catch
        {
            await delve.StopAsync(CancellationToken.None);
            await delve.DisposeAsync();
            throw;
        }
    }

    private static async Task<int> ServeAsync(SessionSettings settings, DelveEndpoint backend, DelveServerProcess? delve, CancellationToken cancellationToken)
    {
        using var loggerFactory = Logging.StandardErrorLoggerProvider.CreateFactory(settings.Verbose ? LogLevel.Debug : LogLevel.Warning);
        StartupProfile.Mark("logging ready");
        var server = DlvxServer.Start(settings, backend, delve, loggerFactory);
        StartupProfile.Mark("port open");
        Console.Error.WriteLine($"dlvx: Delve API server at {backend}");
        return await server.ServeUntilStoppedAsync(
            () =>
            {
                Console.Out.WriteLine($"dlvx listening at: {server.Address}");
                Console.Out.Flush();
                StartupProfile.Mark("listening line written");
                StartupProfile.Report();
            },
            cancellationToken);
    }
}
