namespace Dlvx.Host.DapLaunch;

/// <summary>A build for a launch in mode debug or test, as <c>dlv dap</c> builds: optimisations and inlining off.</summary>
/// <param name="Kind">go build, or go test -c.</param>
/// <param name="Directory">Where the go command runs (<c>dlvCwd</c>, else dlvx's working folder).</param>
/// <param name="Package">The program as the request names it: a package folder, a .go file or an import path.</param>
/// <param name="Output">The binary to write (<c>output</c>, else a file in a temporary folder dlvx removes).</param>
/// <param name="Flags">The request's <c>buildFlags</c>, as words.</param>
internal sealed record DebugBuild(DebugBuildKind Kind, string Directory, string Package, string Output, IReadOnlyList<string> Flags)
{
    /// <summary>The go command's arguments.</summary>
    public IReadOnlyList<string> Arguments =>
        [.. Kind == DebugBuildKind.Test ? new[] { "test", "-c" } : ["build"], "-o", Output, "-gcflags=all=-N -l", .. Flags, Package];
}
