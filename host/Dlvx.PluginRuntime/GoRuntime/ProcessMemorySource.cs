using Microsoft.Win32.SafeHandles;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// Reads a local target's memory from <c>/proc/PID/mem</c>: one system call per read, about a
/// thousand times faster than asking Delve, whose answers are base64 in JSON and at most 1000 bytes
/// each before Delve 1.24. Allowed because dlvx may trace the target as Delve does (same user, and
/// dlvx is the ancestor of the Delve it starts); it is used only after <see cref="GoRuntimeSession"/>
/// has checked that it reads the same bytes Delve does.
/// </summary>
internal sealed class ProcessMemorySource : IMemorySource, IDisposable
{
    private readonly SafeFileHandle handle;

    private ProcessMemorySource(SafeFileHandle handle, int processId)
    {
        this.handle = handle;
        ProcessId = processId;
    }

    public int ProcessId { get; }

    public int MaxReadLength => 1 << 20;

    public int ReadsInFlight => 1;

    /// <summary>Opens the process's memory, or returns null where that is not allowed or not Linux.</summary>
    public static ProcessMemorySource? TryOpen(int processId)
    {
        if (!OperatingSystem.IsLinux() || processId <= 0)
        {
            return null;
        }

        try
        {
            return new ProcessMemorySource(File.OpenHandle($"/proc/{processId}/mem", FileMode.Open, FileAccess.Read), processId);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public Task<byte[]?> ReadAsync(ulong address, int length, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(address, length));
    }

    public byte[]? Read(ulong address, int length)
    {
        if (address > long.MaxValue)
        {
            return null;
        }

        var buffer = new byte[length];
        try
        {
            var done = 0;
            while (done < length)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(done), (long)address + done);
                if (read <= 0)
                {
                    return null;
                }

                done += read;
            }

            return buffer;
        }
        catch (IOException)
        {
            // EIO: the range touches an unmapped page.
            return null;
        }
    }

    public void Dispose() => handle.Dispose();
}
