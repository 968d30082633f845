using Dlvx.Host.Session;

namespace Dlvx.Host.DapLaunch;

/// <summary>What <c>dlvx dap</c>'s command line asked for (see <see cref="Cli.DapCommand"/>).</summary>
internal sealed class DapAdapterSettings
{
    /// <summary>Where to listen for the editor's one connection (<c>--listen</c>).</summary>
    public string Listen { get; init; } = "127.0.0.1:0";

    /// <summary>Where the editor waits for dlvx to connect (<c>--client-addr</c>), instead of listening.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>Whether a non-loopback <see cref="Listen"/> is allowed.</summary>
    public bool AllowNonLoopback { get; init; }

    /// <summary>Whether loopback connections from other users are refused, as Delve does.</summary>
    public bool OnlySameUser { get; init; } = true;

    /// <summary>Whether dlvx logs what it does (<c>--log</c>), to the log destination.</summary>
    public bool Log { get; init; }

    /// <summary>
    /// The session dlvx serves for each launch: plugins, limits, and its own front port (loopback,
    /// a free port) where other clients can join it.
    /// </summary>
    public required SessionSettings Session { get; init; }

    /// <summary>The dlv to run.</summary>
    public string DlvPath { get; init; } = "dlv";

    /// <summary>Whether to refuse, before Delve starts, a Delve that cannot debug the target's Go (<c>--check-go-version</c>).</summary>
    public bool CheckGoVersion { get; init; } = true;

    /// <summary>The backend for launches that name none (<c>--backend</c>).</summary>
    public string? Backend { get; init; }

    /// <summary>Flags given to <c>dlvx dap</c> that apply to the Delve of every launch (<c>--disable-aslr</c>, <c>-r</c>, <c>--log</c>...).</summary>
    public IReadOnlyList<string> DelveFlags { get; init; } = [];
}
