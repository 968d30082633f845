namespace Dlvx.Host.DapLaunch;

/// <summary>How a launch in mode debug or test builds the program.</summary>
internal enum DebugBuildKind
{
    /// <summary><c>go build</c>: the program is a main package or a .go file.</summary>
    Program,

    /// <summary><c>go test -c</c>: the program is a package with tests.</summary>
    Test,
}
