using Dlvx.PluginRuntime.GoRuntime;

namespace Dlvx.Sdk.Testing.Recording;

/// <summary>
/// Makes the runtime services (<see cref="Dlvx.Sdk.Runtime.ITargetMemory"/>, <see cref="Dlvx.Sdk.Runtime.IGoValues"/>...)
/// read target memory through Delve's <c>ExamineMemory</c> for the rest of the test process.
/// </summary>
/// <remarks>
/// For a local target they otherwise read <c>/proc/PID/mem</c>, which a recording cannot see and a
/// replay, with no process, cannot do. The runtime decides once per target process, from the
/// <see cref="GoRuntimeSession.DirectMemoryVariable"/> environment variable, so recorder and replay set
/// it before the runner they serve makes its first read. It stays set: restoring it could race
/// another test's session, and reading through Delve gives the same bytes, only more slowly.
/// </remarks>
internal static class MemoryThroughDelve
{
    public static void Require() => Environment.SetEnvironmentVariable(GoRuntimeSession.DirectMemoryVariable, "0");
}
