using System.Runtime.CompilerServices;

namespace Company.Plugin1.Tests;

/// <summary>
/// Where recordings live: in recordings/ beside this file (committed, written by <c>DLVX_RECORD=1 dotnet test</c>),
/// copied into the test output, where the replay tests read them.
/// </summary>
internal static class RecordingFiles
{
    /// <summary>What <c>plugin1-command -top 3</c> asked Delve on testdata/hello, and Delve's answers.</summary>
    public const string TopThree = "Plugin1Command-top-3.jsonl";

    /// <summary>Whether the real-Delve tests should save what they recorded (<c>DLVX_RECORD=1</c>).</summary>
    public static bool RecordingRequested => Environment.GetEnvironmentVariable("DLVX_RECORD") == "1";

    /// <summary>A recording in the source tree, to be committed.</summary>
    public static string InSource(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "recordings", name);

    /// <summary>A recording as copied into the test output.</summary>
    public static string InOutput(string name) => Path.Combine(AppContext.BaseDirectory, "recordings", name);
}
