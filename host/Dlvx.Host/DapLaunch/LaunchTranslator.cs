using System.Globalization;
using System.Text.Json.Nodes;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// Turns the arguments of a DAP <c>launch</c> or <c>attach</c> request, as the Go extension for VS Code
/// and nvim-dap-go send them to <c>dlv dap</c>, into a <see cref="LaunchPlan"/>. Paths are read as
/// <c>dlv dap</c> reads them: relative to <c>dlvCwd</c>, else to the folder dlvx runs in. Attributes
/// the editor adds for itself (<c>name</c>, <c>type</c>, <c>__buildDir</c>...) are ignored, as Delve
/// ignores them; attributes dlvx reads but cannot use are refused with a message naming them.
/// </summary>
/// <param name="workingDirectory">The folder dlvx runs in, which the editor chose.</param>
/// <param name="defaultBackend">The <c>--backend</c> given to <c>dlvx dap</c>, or null.</param>
/// <param name="temporaryOutput">Makes the path of a binary to build when the request names no <c>output</c>.</param>
internal sealed class LaunchTranslator(string workingDirectory, string? defaultBackend, Func<string> temporaryOutput)
{
    /// <summary>The settings for the debug session itself, passed on to Delve's remote attach unchanged (Delve's LaunchAttachCommonConfig).</summary>
    private static readonly string[] SessionAttributes =
    [
        "stopOnEntry", "stackTraceDepth", "maxStringLen", "maxArrayValues", "showGlobalVariables", "showRegisters",
        "hideSystemGoroutines", "goroutineFilters", "showPprofLabels", "substitutePath", "showRawStrings", "followExec", "followExecRegex",
    ];

    /// <summary>Translates one request.</summary>
    /// <param name="request"><c>launch</c> or <c>attach</c>.</param>
    /// <param name="arguments">The request's arguments.</param>
    /// <exception cref="LaunchRefusedException">The request cannot be translated; the message names the attribute.</exception>
    public LaunchPlan Translate(string request, JsonObject? arguments)
    {
        arguments ??= [];
        return request switch
        {
            "launch" => Launch(arguments),
            "attach" => Attach(arguments),
            _ => throw new LaunchRefusedException($"'{request}' is not a launch or attach request"),
        };
    }

    private LaunchPlan Launch(JsonObject arguments)
    {
        var mode = String(arguments, "mode") ?? "debug";
        var program = String(arguments, "program");
        if (mode == "auto")
        {
            // What the Go extension resolves before it sends the request; nvim-dap may not.
            mode = program?.EndsWith("_test.go", StringComparison.Ordinal) == true ? "test" : "debug";
        }

        if (mode is not ("debug" or "test" or "exec" or "core" or "replay"))
        {
            throw new LaunchRefusedException($"invalid debug configuration - unsupported 'mode' attribute \"{mode}\" (dlvx dap launches in mode debug, test, exec, core or replay)");
        }

        if (string.IsNullOrEmpty(program) && mode != "replay")
        {
            throw new LaunchRefusedException("The program attribute is missing in debug configuration.");
        }

        var dlvCwd = Absolute(String(arguments, "dlvCwd"), workingDirectory);
        var environment = Environment(arguments);
        var programArguments = Strings(arguments, "args") ?? [];
        var delveFlags = new List<string>();
        var backend = String(arguments, "backend") ?? defaultBackend;
        if (backend is { Length: > 0 } and not "default" && mode is "debug" or "test" or "exec")
        {
            delveFlags.Add($"--backend={backend}");
        }

        foreach (var (attribute, source) in new[] { ("stdinFrom", "stdin"), ("stdoutTo", "stdout"), ("stderrTo", "stderr") })
        {
            if (String(arguments, attribute) is { Length: > 0 } path)
            {
                delveFlags.Add("-r");
                delveFlags.Add($"{source}:{Absolute(path, dlvCwd)}");
            }
        }

        var cwd = String(arguments, "cwd") is { Length: > 0 } given ? Absolute(given, dlvCwd) : null;
        DebugBuild? build = null;
        IReadOnlyList<string> targets;
        DelveLaunchMode delveMode;
        switch (mode)
        {
            case "debug" or "test":
                var output = String(arguments, "output") is { Length: > 0 } named ? Absolute(named, dlvCwd) : temporaryOutput();
                build = new DebugBuild(mode == "test" ? DebugBuildKind.Test : DebugBuildKind.Program, dlvCwd, program!, output, BuildFlags(arguments));
                delveMode = DelveLaunchMode.Exec;
                targets = [output];
                if (mode == "test" && cwd is null)
                {
                    // go test runs a package's tests in the package's folder; dlv dap does the same.
                    cwd = PackageFolder(program!, dlvCwd);
                }

                break;
            case "exec":
                var binary = Absolute(program!, dlvCwd);
                RequireFile(binary, "program", "a compiled Go program (mode debug builds a package)");
                delveMode = DelveLaunchMode.Exec;
                targets = [binary];
                break;
            case "core":
                var executable = Absolute(program!, dlvCwd);
                RequireFile(executable, "program", "the program that dumped core");
                var core = String(arguments, "coreFilePath") is { Length: > 0 } corePath
                    ? Absolute(corePath, dlvCwd)
                    : throw new LaunchRefusedException("The 'coreFilePath' attribute is missing in debug configuration.");
                RequireFile(core, "coreFilePath", "a core file");
                delveMode = DelveLaunchMode.Core;
                targets = [executable, core];
                break;
            default:
                var trace = String(arguments, "traceDirPath") is { Length: > 0 } tracePath
                    ? Absolute(tracePath, dlvCwd)
                    : throw new LaunchRefusedException("The 'traceDirPath' attribute is missing in debug configuration.");
                delveMode = DelveLaunchMode.Replay;
                targets = [trace];
                break;
        }

        var noDebug = Bool(arguments, "noDebug");
        if (noDebug && mode is "core" or "replay")
        {
            throw new LaunchRefusedException($"noDebug runs a program, and mode {mode} has none to run (noDebug applies to modes debug, test and exec)");
        }

        return new LaunchPlan
        {
            Request = "launch",
            Mode = mode,
            NoDebug = noDebug,
            Build = build,
            DelveMode = delveMode,
            DelveTargets = targets,
            ProgramArguments = programArguments,
            TargetWorkingDirectory = mode == "test" ? cwd : cwd ?? dlvCwd,
            Environment = environment,
            DelveFlags = delveFlags,
            SessionArguments = SessionArguments(arguments),
        };
    }

    private LaunchPlan Attach(JsonObject arguments)
    {
        var mode = String(arguments, "mode") ?? "local";
        if (mode == "remote")
        {
            throw new LaunchRefusedException(
                "attach in mode 'remote' joins a running server, and dlvx dap starts its own: serve the program with dlvx exec, debug or attach --listen HOST:PORT and point the configuration's host and port there");
        }

        if (mode != "local")
        {
            throw new LaunchRefusedException($"invalid debug configuration - unsupported 'mode' attribute \"{mode}\" (dlvx dap attaches in mode local)");
        }

        var pid = arguments["processId"] switch
        {
            JsonValue number when number.TryGetValue<int>(out var id) => id,
            JsonValue text when text.TryGetValue<string>(out var digits) && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            null => 0,
            _ => throw new LaunchRefusedException("invalid debug configuration - 'processId' must be a process id"),
        };
        if (pid <= 0)
        {
            throw new LaunchRefusedException("The 'processId' attribute is missing in debug configuration");
        }

        if (OperatingSystem.IsLinux() && !Directory.Exists($"/proc/{pid}"))
        {
            throw new LaunchRefusedException($"no process with id {pid}");
        }

        var delveFlags = new List<string>();
        if ((String(arguments, "backend") ?? defaultBackend) is { Length: > 0 } backend && backend != "default")
        {
            delveFlags.Add($"--backend={backend}");
        }

        return new LaunchPlan
        {
            Request = "attach",
            Mode = mode,
            DelveMode = DelveLaunchMode.Attach,
            DelveTargets = [pid.ToString(CultureInfo.InvariantCulture)],
            TargetWorkingDirectory = workingDirectory,
            DelveFlags = delveFlags,
            SessionArguments = SessionArguments(arguments),
        };
    }

    private static JsonObject SessionArguments(JsonObject arguments)
    {
        var session = new JsonObject { ["request"] = "attach", ["mode"] = "remote" };
        foreach (var name in SessionAttributes)
        {
            if (arguments[name] is { } value)
            {
                session[name] = value.DeepClone();
            }
        }

        return session;
    }

    // The folder of the package a test launch names: the folder itself, a file's folder, or, for an
    // import path, the package's folder as the go command finds it (left to the build).
    private static string? PackageFolder(string program, string dlvCwd)
    {
        var path = Absolute(program, dlvCwd);
        return Directory.Exists(path) ? path : File.Exists(path) ? Path.GetDirectoryName(path) : null;
    }

    private static void RequireFile(string path, string attribute, string expected)
    {
        if (Directory.Exists(path))
        {
            throw new LaunchRefusedException($"'{attribute}' {path} is a folder; expected {expected}");
        }

        if (!File.Exists(path))
        {
            throw new LaunchRefusedException($"'{attribute}' {path}: no such file; expected {expected}");
        }
    }

    private static string Absolute(string? path, string relativeTo) =>
        string.IsNullOrEmpty(path) ? relativeTo : Path.GetFullPath(path, relativeTo);

    private static IReadOnlyList<string> BuildFlags(JsonObject arguments) => arguments["buildFlags"] switch
    {
        null => [],
        JsonValue text when text.TryGetValue<string>(out var flags) => SplitFlags(flags),
        JsonArray => Strings(arguments, "buildFlags")!,
        _ => throw new LaunchRefusedException("invalid debug configuration - 'buildFlags' must be a string or an array of strings"),
    };

    private static IReadOnlyList<string> SplitFlags(string flags)
    {
        try
        {
            return QuotedWords.Split(flags);
        }
        catch (FormatException e)
        {
            throw new LaunchRefusedException($"invalid debug configuration - 'buildFlags': {e.Message}", e);
        }
    }

    private static Dictionary<string, string?> Environment(JsonObject arguments)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (arguments["env"])
        {
            case null:
                return environment;
            case JsonObject variables:
                foreach (var (name, value) in variables)
                {
                    environment[name] = value switch
                    {
                        null => null,
                        JsonValue text when text.TryGetValue<string>(out var s) => s,
                        _ => throw new LaunchRefusedException($"invalid debug configuration - 'env' value of {name} must be a string or null"),
                    };
                }

                return environment;
            default:
                throw new LaunchRefusedException("invalid debug configuration - 'env' must be an object of strings");
        }
    }

    private static string? String(JsonObject arguments, string name) => arguments[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new LaunchRefusedException($"invalid debug configuration - '{name}' must be a string"),
    };

    private static bool Bool(JsonObject arguments, string name) => arguments[name] switch
    {
        null => false,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw new LaunchRefusedException($"invalid debug configuration - '{name}' must be true or false"),
    };

    private static IReadOnlyList<string>? Strings(JsonObject arguments, string name) => arguments[name] switch
    {
        null => null,
        JsonArray items when items.All(i => i is JsonValue v && v.TryGetValue<string>(out _)) => items.Select(i => i!.GetValue<string>()).ToList(),
        _ => throw new LaunchRefusedException($"invalid debug configuration - '{name}' must be an array of strings"),
    };
}
