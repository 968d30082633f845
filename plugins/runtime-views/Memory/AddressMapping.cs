namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>One mapping of the target's address space, as /proc/PID/maps or a core file's program headers record it.</summary>
/// <param name="Start">Its first address.</param>
/// <param name="End">The address after its last byte.</param>
/// <param name="Permissions">As the source spells them: <c>rw-p</c> from /proc/PID/maps, <c>rw-</c> from a core's segment flags.</param>
/// <param name="File">The file it maps, or the kernel's name (<c>[stack]</c>, <c>[vdso]</c>), or empty for anonymous memory.</param>
/// <param name="FileOffset">Where in <paramref name="File"/> it starts.</param>
/// <param name="Note">Where the mapping came from when that is not obvious (a segment a core left out, read from the executable).</param>
public sealed record AddressMapping(ulong Start, ulong End, string Permissions, string File, ulong FileOffset, string Note = "")
{
    /// <summary>Its length in bytes.</summary>
    public ulong Size => End - Start;

    /// <summary>Whether it can be read, written or executed at all; a mapping with none of these only reserves address space.</summary>
    public bool IsAccessible => Permissions.Length >= 3 && (Permissions[0] == 'r' || Permissions[1] == 'w' || Permissions[2] == 'x');

    /// <summary>Whether it holds code.</summary>
    public bool IsExecutable => Permissions.Length >= 3 && Permissions[2] == 'x';

    /// <summary>Whether it can be written.</summary>
    public bool IsWritable => Permissions.Length >= 2 && Permissions[1] == 'w';
}
