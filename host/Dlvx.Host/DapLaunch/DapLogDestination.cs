using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// Where <c>dlvx dap</c> writes its listening line and, with <c>--log</c>, its log: <c>--log-dest</c>
/// as <c>dlv dap</c> reads it. A number is an open file descriptor (the Go extension for VS Code passes
/// <c>--log-dest=3</c> and reads the line from its fd 3), anything else a file to create. Without it
/// the listening line goes to stdout and the log to stderr.
/// </summary>
internal sealed class DapLogDestination : IDisposable
{
    private readonly TextWriter? destination;

    private DapLogDestination(TextWriter? destination, string? description)
    {
        this.destination = destination;
        Description = description;
    }

    /// <summary>What <c>--log-dest</c> named (<c>fd 3</c>, a path), or null for stdout and stderr.</summary>
    public string? Description { get; }

    /// <summary>Where log lines go.</summary>
    public TextWriter Log => destination ?? Console.Error;

    /// <summary>Opens what <paramref name="logDest"/> names.</summary>
    /// <exception cref="FormatException">The descriptor is not open, or the file cannot be created; the message says which.</exception>
    public static DapLogDestination Open(string? logDest)
    {
        if (string.IsNullOrEmpty(logDest))
        {
            return new DapLogDestination(null, null);
        }

        if (int.TryParse(logDest, NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
        {
            if (!FileDescriptors.IsInherited(fd))
            {
                throw new FormatException($"--log-dest={logDest}: file descriptor {fd} was not open when dlvx started");
            }

            FileDescriptors.SetCloseOnExec(fd);
            var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
            return new DapLogDestination(new StreamWriter(stream) { AutoFlush = true }, $"fd {fd}");
        }

        try
        {
            return new DapLogDestination(new StreamWriter(File.Create(logDest)) { AutoFlush = true }, logDest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"--log-dest={logDest}: could not create log file: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes <c>DAP server listening at: ADDRESS</c> exactly as dlv does: to the log destination when
    /// there is one (and then nothing on stdout), else to stdout. Editors wait for this line, so it is
    /// the first thing written to either.
    /// </summary>
    public void WriteListening(string address)
    {
        var line = $"DAP server listening at: {address}";
        var writer = destination ?? Console.Out;
        writer.WriteLine(line);
        writer.Flush();
    }

    public void Dispose() => destination?.Dispose();
}
