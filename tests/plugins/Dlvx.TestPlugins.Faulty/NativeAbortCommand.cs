using System.Runtime.InteropServices;
using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("fault-abort", Summary = "Crashes natively: calls the C library's abort(), which raises SIGABRT.", RequiresStoppedTarget = false)]
public sealed class NativeAbortCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        Abort();
        return Task.FromResult(CommandResult.Create("unreachable"));
    }

    // libc.so.6 by its full name: "libc.so" is a linker script on Debian, not a library.
    [DllImport("libc.so.6", EntryPoint = "abort")]
    private static extern void Abort();
}
