using System.Globalization;
using System.IO.Pipes;
using System.Text.RegularExpressions;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// <c>dlvx dap</c> started the way the Go extension for VS Code starts its dlv: from the workspace
/// folder, with <c>--listen=127.0.0.1:0 --log-dest=3</c> and a pipe open as fd 3, whose first line is
/// the listening line. .NET cannot hand a child a descriptor at a chosen number, so bash does it:
/// <c>exec dlvx ... 3&gt;/proc/TEST/fd/N</c> opens the test's own pipe as the child's fd 3 and then
/// becomes dlvx, keeping its pid. The pipe's other end reaches its end only when every process
/// holding fd 3 has closed it.
/// </summary>
internal sealed partial class DlvxDapProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly AnonymousPipeServerStream logPipe;
    private readonly StreamReader log;

    private DlvxDapProcess(ChildProcess process, AnonymousPipeServerStream logPipe)
    {
        Process = process;
        this.logPipe = logPipe;
        log = new StreamReader(logPipe);
    }

    /// <summary>dlvx itself (bash became dlvx: same pid).</summary>
    public ChildProcess Process { get; }

    /// <summary>Where it listens, from the line on fd 3.</summary>
    public Endpoint Address { get; private set; } = new("127.0.0.1", 0);

    /// <summary>The first line dlvx wrote to fd 3.</summary>
    public string ListeningLine { get; private set; } = "";

    /// <summary>The pipe's identity (<c>pipe:[INODE]</c>), to find who else holds it.</summary>
    public string LogPipeIdentity { get; private set; } = "";

    /// <summary>Starts <c>dlvx dap --listen=127.0.0.1:0 --log-dest=3 EXTRA...</c> in <paramref name="workspace"/> and reads its listening line from fd 3.</summary>
    public static async Task<DlvxDapProcess> StartAsync(string workspace, IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        var writeEnd = pipe.GetClientHandleAsString();
        var redirect = $"exec \"$0\" \"$@\" 3>/proc/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/fd/{writeEnd}";
        var process = ChildProcess.Start(
            "/bin/bash",
            ["-c", redirect, TestPaths.Dlvx, "dap", "--listen=127.0.0.1:0", "--log-dest=3", .. extraArguments],
            workingDirectory: workspace,
            environment: environment);
        var dap = new DlvxDapProcess(process, pipe);
        try
        {
            var line = await dap.log.ReadLineAsync().WaitAsync(StartTimeout)
                ?? throw new Xunit.Sdk.XunitException($"dlvx dap closed fd 3 without a listening line.\nstdout:\n{process.StandardOutput}\nstderr:\n{process.StandardError}");
            dap.ListeningLine = line;
            dap.LogPipeIdentity = File.ResolveLinkTarget($"/proc/self/fd/{writeEnd}", returnFinalTarget: false)?.LinkTarget ?? "";

            // dlvx has its own fd 3 now; only its copy (and its children's, if it leaked) keeps the pipe open.
            pipe.DisposeLocalCopyOfClientHandle();
            var match = ListeningLinePattern().Match(line);
            Assert.True(match.Success, $"fd 3's first line is not dlv's listening line: '{line}'");
            dap.Address = new Endpoint(match.Groups["host"].Value, int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
            return dap;
        }
        catch
        {
            await dap.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether fd 3 reaches its end within <paramref name="timeout"/>: nothing holds it any more.</summary>
    public async Task<bool> LogClosesWithinAsync(TimeSpan timeout)
    {
        try
        {
            await log.ReadToEndAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Whether process <paramref name="pid"/> holds the fd-3 pipe.</summary>
    public bool IsHeldBy(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Any(fd => File.ResolveLinkTarget(fd, returnFinalTarget: false)?.LinkTarget == LogPipeIdentity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        log.Dispose();
        await logPipe.DisposeAsync();
    }

    [GeneratedRegex(@"^DAP server listening at: (?<host>[^\s:]+):(?<port>\d+)$")]
    private static partial Regex ListeningLinePattern();
}
