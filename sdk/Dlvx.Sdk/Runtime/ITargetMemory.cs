namespace Dlvx.Sdk.Runtime;

/// <summary>
/// The stopped target's memory, read in bulk. Inject it into a command's constructor; each command
/// invocation gets its own cache, so nothing read at one stop is served at the next.
/// </summary>
/// <remarks>
/// Reads are coalesced into whole pages and pipelined: ask for everything a step needs with
/// <see cref="ReadManyAsync"/> rather than one value at a time. When the target is a process on this
/// machine, the host reads its memory directly (and checks once that it reads the same bytes as
/// Delve); otherwise, and for core files, every read goes through Delve's <c>ExamineMemory</c>.
/// </remarks>
public interface ITargetMemory
{
    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    /// <exception cref="TargetMemoryException">Some of the bytes cannot be read.</exception>
    Task<byte[]> ReadAsync(ulong address, int length, CancellationToken cancellationToken = default);

    /// <summary>Reads several ranges at once; an unreadable range comes back as <see langword="null"/>.</summary>
    Task<IReadOnlyList<byte[]?>> ReadManyAsync(IReadOnlyList<MemoryRange> ranges, CancellationToken cancellationToken = default);

    /// <summary>Reads one little-endian 64-bit word.</summary>
    /// <exception cref="TargetMemoryException">The word cannot be read.</exception>
    Task<ulong> ReadWordAsync(ulong address, CancellationToken cancellationToken = default);
}
