using System.Text.Json.Nodes;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// What dlvx does for one DAP <c>launch</c> or <c>attach</c> request: the build, if any, the
/// supervised Delve it starts, and the arguments of the remote attach that joins the editor's
/// session to that Delve. Made by <see cref="LaunchTranslator"/>.
/// </summary>
internal sealed class LaunchPlan
{
    /// <summary>The request: <c>launch</c> or <c>attach</c>.</summary>
    public required string Request { get; init; }

    /// <summary>The mode as resolved: debug, test, exec, core, replay (launch) or local (attach).</summary>
    public required string Mode { get; init; }

    /// <summary>Run the program without debugging it (<c>noDebug</c>).</summary>
    public bool NoDebug { get; init; }

    /// <summary>The build for modes debug and test, else null.</summary>
    public DebugBuild? Build { get; init; }

    /// <summary>How the supervised Delve gets its target.</summary>
    public required DelveLaunchMode DelveMode { get; init; }

    /// <summary>Delve's positional arguments (the binary, the pid, the core, the trace).</summary>
    public required IReadOnlyList<string> DelveTargets { get; init; }

    /// <summary>The program's arguments (<c>args</c>).</summary>
    public IReadOnlyList<string> ProgramArguments { get; init; } = [];

    /// <summary>
    /// The program's working directory (<c>cwd</c>, absolute); null in mode test without <c>cwd</c>,
    /// where it is the package's folder, as <c>go test</c> runs tests.
    /// </summary>
    public string? TargetWorkingDirectory { get; init; }

    /// <summary>Variables set (or removed, when null) for the build, Delve and the program (<c>env</c>).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>dlv flags from the request: <c>--backend</c> and the <c>-r</c> redirects.</summary>
    public IReadOnlyList<string> DelveFlags { get; init; } = [];

    /// <summary>
    /// The arguments of the <c>attach</c> in mode remote that dlvx sends to the supervised Delve for
    /// the editor: the request's settings for the session itself (<c>stopOnEntry</c>,
    /// <c>substitutePath</c>, <c>showGlobalVariables</c>...), which Delve reads the same way in both.
    /// </summary>
    public required JsonObject SessionArguments { get; init; }

    /// <summary>
    /// Whether a <c>disconnect</c> with these arguments ends the program: a launched one unless
    /// <c>terminateDebuggee</c> is false, an attached one only if it is true (as <c>dlv dap</c>).
    /// </summary>
    public bool TerminatesOnDisconnect(JsonObject? disconnectArguments)
    {
        var terminate = disconnectArguments?["terminateDebuggee"] is JsonValue value && value.TryGetValue<bool>(out var given) ? given : (bool?)null;
        return Request == "launch" ? terminate != false : terminate == true;
    }
}
