namespace Dlvx.PluginRuntime.Delve;

/// <summary>How Delve gets its target.</summary>
internal enum DelveLaunchMode
{
    /// <summary><c>dlv exec BINARY</c>: run a compiled program.</summary>
    Exec,

    /// <summary><c>dlv debug [PACKAGE]</c>: build a package with debug flags and run it.</summary>
    Debug,

    /// <summary><c>dlv attach PID</c>: attach to a running process.</summary>
    Attach,

    /// <summary><c>dlv core EXECUTABLE CORE</c>: open a core dump.</summary>
    Core,

    /// <summary><c>dlv replay TRACE_DIR</c>: replay a recording made with rr.</summary>
    Replay,
}
