namespace Dlvx.Host.DapLaunch;

/// <summary>How a <see cref="DebugBuild"/> went.</summary>
/// <param name="Succeeded">Whether the go command exited 0.</param>
/// <param name="CommandLine">The go command as a shell would read it, for the build error message.</param>
/// <param name="Output">What the go command printed (stdout and stderr together, as the compiler's messages come).</param>
/// <param name="ExitStatus">How it ended: <c>exit status 1</c>, as Go's os/exec says it.</param>
internal sealed record DebugBuildResult(bool Succeeded, string CommandLine, string Output, string ExitStatus);
