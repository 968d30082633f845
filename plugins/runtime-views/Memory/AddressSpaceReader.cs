using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>
/// Reads the target's mappings from where they are: <c>/proc/PID/maps</c> for a live process on this
/// machine, the program headers of the core file Delve has open for a dump. Before trusting either,
/// it checks that the source holds the same bytes Delve reads, so a pid that names another process
/// here (Delve runs on another machine, or in another pid namespace) is refused, not mapped.
/// </summary>
public sealed class AddressSpaceReader(IDelveClient delve, IRuntimeLayout layout, ITargetMemory memory)
{
    // Compared byte for byte: runtime.mheap_'s first bytes differ between any two Go processes' heaps.
    private const int SampleLength = 512;

    /// <summary>Reads the mappings.</summary>
    /// <exception cref="CommandException">No source is available here; the message says why and what would do.</exception>
    public async Task<AddressSpace> ReadAsync(CancellationToken cancellationToken)
    {
        var recorded = await delve.CallAsync<RecordedReply>("RPCServer.Recorded", new { }, cancellationToken);
        if (recorded.Recorded && recorded.TraceDirectory.Length > 0)
        {
            throw new CommandException(
                $"memory-map reads /proc/PID/maps of a live process or a core file's program headers, and an rr replay (trace {recorded.TraceDirectory}) has neither: "
                + "dump a core where you are (dlv: dump FILE) and open it with dlvx core");
        }

        var pid = (await delve.CallAsync<ProcessPidReply>("RPCServer.ProcessPid", new { }, cancellationToken)).Pid;

        // Delve's core targets are "recorded" with no trace directory.
        return recorded.Recorded ? await ReadCoreAsync(pid, cancellationToken) : await ReadProcessAsync(pid, cancellationToken);
    }

    private async Task<AddressSpace> ReadProcessAsync(int pid, CancellationToken cancellationToken)
    {
        var maps = ProcessMaps.PathOf(pid);
        if (pid <= 0 || !OperatingSystem.IsLinux() || !File.Exists(maps))
        {
            throw new CommandException(
                $"Delve's target (process {pid}) is not a process on this machine{(OperatingSystem.IsLinux() ? "" : " (not Linux)")}: memory-map reads /proc/PID/maps, "
                + "so run dlvx on the machine where the target runs (dlvx attach PID, or dlvx proxy in front of a Delve there)");
        }

        IReadOnlyList<AddressMapping> mappings;
        try
        {
            mappings = ProcessMaps.Parse(await File.ReadAllTextAsync(maps, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"cannot read {maps}: {e.Message} (it needs the target's user or root)", e);
        }

        var sample = await SampleAsync(cancellationToken);
        if (!SameProcess(pid, mappings, sample))
        {
            throw new CommandException(
                $"process {pid} on this machine is not Delve's target: Delve runs the target on another machine or in another pid namespace, "
                + "and memory-map reads /proc/PID/maps, so run dlvx where the target runs");
        }

        return new AddressSpace(maps, mappings);
    }

    private async Task<AddressSpace> ReadCoreAsync(int pid, CancellationToken cancellationToken)
    {
        var sample = await SampleAsync(cancellationToken);
        foreach (var candidate in CoreFileLocator.Find(pid))
        {
            if (CoreDump.TryOpen(candidate.CorePath) is { } core && core.Read(sample.Address, sample.Bytes.Length) is { } bytes && bytes.AsSpan().SequenceEqual(sample.Bytes))
            {
                return new AddressSpace($"core file {candidate.CorePath}", core.Mappings(candidate.ExecutablePath ?? core.ExecutableFromNotes()));
            }
        }

        throw new CommandException(
            $"the target is a core dump (of process {pid}), but no dlv on this machine has that core open: memory-map reads the core file's program headers, "
            + "so run dlvx core EXECUTABLE CORE on the machine where the core file is");
    }

    private async Task<(ulong Address, byte[] Bytes)> SampleAsync(CancellationToken cancellationToken)
    {
        var heap = await layout.GetGlobalAsync("runtime.mheap_", cancellationToken);
        return (heap.Address, await memory.ReadAsync(heap.Address, SampleLength, cancellationToken));
    }

    // The process here is Delve's target if its memory holds the same bytes. Where this process may not read
    // the other's memory (no ptrace rights), its maps must at least cover the sampled address.
    private static bool SameProcess(int pid, IReadOnlyList<AddressMapping> mappings, (ulong Address, byte[] Bytes) sample)
    {
        if (!mappings.Any(m => m.Start <= sample.Address && sample.Address + (ulong)sample.Bytes.Length <= m.End))
        {
            return false;
        }

        try
        {
            using var handle = File.OpenHandle($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/mem", FileMode.Open, FileAccess.Read);
            var bytes = new byte[sample.Bytes.Length];
            return RandomAccess.Read(handle, bytes, (long)sample.Address) == bytes.Length && bytes.AsSpan().SequenceEqual(sample.Bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
