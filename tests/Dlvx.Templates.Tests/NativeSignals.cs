using System.Runtime.InteropServices;

namespace Dlvx.Templates.Tests;

/// <summary>kill(2), to send SIGTERM to one process by its pid.</summary>
internal static partial class NativeSignals
{
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
