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
        return ReadInto(address, buffer) ? buffer : null;
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="address"/>; false if the range is not wholly readable.</summary>
    public bool ReadInto(ulong address, Span<byte> destination)
    {
        if (address > long.MaxValue)
        {
            return false;
        }

        try
        {
            var done = 0;
            while (done < destination.Length)
            {
                var read = RandomAccess.Read(handle, destination[done..], (long)address + done);
                if (read <= 0)
                {
                    return false;
                }

                done += read;
            }

            return true;
        }
        catch (IOException)
        {
            // EIO: the range touches an unmapped page.
            return false;
        }
    }

    /// <summary>
    /// Reads many small ranges with one <c>process_vm_readv</c> per 1024 of them (the kernel's
    /// IOV_MAX), where one <c>pread</c> each would cost a system call per range: a few words of each
    /// of a hundred thousand goroutine stacks. A range that cannot be read wholly is null.
    /// </summary>
    public byte[]?[] ReadMany(IReadOnlyList<MemoryRange> ranges)
    {
        var arrays = new byte[ranges.Count][];
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = GC.AllocateUninitializedArray<byte>(ranges[i].Length);
        }

        var read = new bool[ranges.Count];
        ReadManyInto(ranges, arrays, read);
        var result = new byte[]?[ranges.Count];
        for (var i = 0; i < arrays.Length; i++)
        {
            result[i] = read[i] ? arrays[i] : null;
        }

        return result;
    }

    /// <summary>
    /// <see cref="ReadMany"/> into arrays the caller owns (and may reuse): range i goes to the start of
    /// <paramref name="destinations"/>[i], and <paramref name="read"/>[i] says whether it was read wholly.
    /// </summary>
    public void ReadManyInto(IReadOnlyList<MemoryRange> ranges, IReadOnlyList<byte[]> destinations, bool[] read)
    {
        var next = 0;
        while (next < ranges.Count)
        {
            var done = vectoredReadsWork ? ReadVectored(ranges, next, destinations, read) : 0;
            if (done < 0)
            {
                // Not allowed or not there (seccomp, an old kernel): pread serves every range.
                vectoredReadsWork = false;
                done = 0;
            }

            next += done;
            if (next < ranges.Count)
            {
                // The kernel stops at the first range it cannot read; that one goes on its own.
                read[next] = ranges[next].Length == 0 || ReadInto(ranges[next].Address, destinations[next].AsSpan(0, ranges[next].Length));
                next++;
            }
        }
    }

    // Reads ranges[first..] (up to IOV_MAX of them) straight into their destinations; returns how
    // many were read wholly, or -1 if the call failed outright.
    private unsafe int ReadVectored(IReadOnlyList<MemoryRange> ranges, int first, IReadOnlyList<byte[]> destinations, bool[] read)
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

        var pins = new GCHandle[count];
        var local = stackalloc IoVector[count];
        var remote = stackalloc IoVector[count];
        nint transferred;
        try
        {
            for (var i = 0; i < count; i++)
            {
                pins[i] = GCHandle.Alloc(destinations[first + i], GCHandleType.Pinned);
                local[i] = new IoVector(pins[i].AddrOfPinnedObject(), (nuint)ranges[first + i].Length);
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
        while (whole < count && done + ranges[first + whole].Length <= transferred)
        {
            read[first + whole] = true;
            done += ranges[first + whole].Length;
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
