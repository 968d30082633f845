using System.Runtime.InteropServices;
using Dlvx.Sdk.Runtime;
using Microsoft.Win32.SafeHandles;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// Reads a local target's memory from <c>/proc/PID/mem</c>: one system call per read, about a
/// thousand times faster than asking Delve, whose answers are base64 in JSON and at most 1000 bytes
/// each before Delve 1.24. Allowed because dlvx may trace the target as Delve does (same user, and
/// dlvx is the ancestor of the Delve it starts); it is used only after <see cref="GoRuntimeSession"/>
/// has checked that it reads the same bytes Delve does.
/// </summary>
internal sealed partial class ProcessMemorySource : IMemorySource, IDisposable
{
    private readonly SafeFileHandle handle;
    private bool vectoredReadsWork = true;

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

    /// <summary>
    /// Reads many small ranges with one <c>process_vm_readv</c> per 1024 of them (the kernel's
    /// IOV_MAX), where one <c>pread</c> each would cost a system call per range: a few words of each
    /// of a hundred thousand goroutine stacks. A range that cannot be read wholly is null.
    /// </summary>
    public byte[]?[] ReadMany(IReadOnlyList<MemoryRange> ranges)
    {
        var result = new byte[]?[ranges.Count];
        var next = 0;
        while (next < ranges.Count)
        {
            var read = vectoredReadsWork ? ReadVectored(ranges, next, result) : 0;
            if (read < 0)
            {
                // Not allowed or not there (seccomp, an old kernel): pread serves every range.
                vectoredReadsWork = false;
                read = 0;
            }

            next += read;
            if (next < ranges.Count)
            {
                // The kernel stops at the first range it cannot read; that one goes on its own.
                result[next] = ranges[next].Length == 0 ? [] : Read(ranges[next].Address, ranges[next].Length);
                next++;
            }
        }

        return result;
    }

    // Reads ranges[first..] (up to IOV_MAX of them) into result, each straight into its own array
    // (no buffer to split, so a run of 4 KiB cache blocks allocates nothing larger than a block);
    // returns how many were read wholly, or -1 if the call failed outright.
    private unsafe int ReadVectored(IReadOnlyList<MemoryRange> ranges, int first, byte[]?[] result)
    {
        const int MaxVectors = 1024;
        var count = Math.Min(MaxVectors, ranges.Count - first);
        for (var i = 0; i < count; i++)
        {
            if (ranges[first + i].Address > long.MaxValue || ranges[first + i].Length == 0)
            {
                count = i;
                break;
            }
        }

        if (count == 0)
        {
            return 0;
        }

        var arrays = new byte[count][];
        var pins = new GCHandle[count];
        var local = stackalloc IoVector[count];
        var remote = stackalloc IoVector[count];
        nint transferred;
        try
        {
            for (var i = 0; i < count; i++)
            {
                arrays[i] = GC.AllocateUninitializedArray<byte>(ranges[first + i].Length);
                pins[i] = GCHandle.Alloc(arrays[i], GCHandleType.Pinned);
                local[i] = new IoVector(pins[i].AddrOfPinnedObject(), (nuint)arrays[i].Length);
                remote[i] = new IoVector((nint)ranges[first + i].Address, (nuint)ranges[first + i].Length);
            }

            transferred = ProcessVmReadv(ProcessId, local, (nuint)count, remote, (nuint)count, 0);
        }
        finally
        {
            foreach (var pin in pins)
            {
                if (pin.IsAllocated)
                {
                    pin.Free();
                }
            }
        }

        if (transferred < 0)
        {
            return -1;
        }

        var done = 0L;
        var whole = 0;
        while (whole < count && done + arrays[whole].Length <= transferred)
        {
            result[first + whole] = arrays[whole];
            done += arrays[whole].Length;
            whole++;
        }

        return whole;
    }

    public void Dispose() => handle.Dispose();

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct IoVector(nint address, nuint length)
    {
        public readonly nint Address = address;
        public readonly nuint Length = length;
    }

    [LibraryImport("libc.so.6", EntryPoint = "process_vm_readv", SetLastError = true)]
    private static unsafe partial nint ProcessVmReadv(int processId, IoVector* local, nuint localCount, IoVector* remote, nuint remoteCount, nuint flags);
}
