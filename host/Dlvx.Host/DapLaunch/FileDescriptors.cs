using System.Runtime.InteropServices;

namespace Dlvx.Host.DapLaunch;

/// <summary>fcntl(2) on a file descriptor dlvx inherited, such as the one <c>--log-dest=3</c> names.</summary>
internal static partial class FileDescriptors
{
    private const int GetDescriptorFlags = 1;
    private const int SetDescriptorFlags = 2;
    private const int CloseOnExec = 1;

    /// <summary>
    /// Whether <paramref name="fd"/> was open when dlvx started: open, and not close-on-exec. The .NET
    /// runtime opens its own descriptors close-on-exec, and when the one named was not inherited it
    /// may well be one of those (the lowest free number goes first); writing there would corrupt it.
    /// </summary>
    public static bool IsInherited(int fd)
    {
        var flags = fd >= 0 ? Fcntl(fd, GetDescriptorFlags, 0) : -1;
        return flags != -1 && (flags & CloseOnExec) == 0;
    }

    /// <summary>
    /// Keeps <paramref name="fd"/> out of the processes dlvx starts. An editor waits for the end of the
    /// log stream it gave dlvx; a Delve or a program that inherited the descriptor would hold it open
    /// after dlvx has gone.
    /// </summary>
    /// <returns>False when the flag could not be set.</returns>
    public static bool SetCloseOnExec(int fd)
    {
        var flags = Fcntl(fd, GetDescriptorFlags, 0);
        return flags != -1 && Fcntl(fd, SetDescriptorFlags, flags | CloseOnExec) != -1;
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
