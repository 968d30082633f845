namespace Dlvx.Sdk.Runtime;

/// <summary>
/// What the target's Go runtime looks like, learned from the target's own debug information: which
/// types and fields exist, where each field sits, and the values of runtime constants. Inject it
/// into a command's constructor; it is shared by every plugin of a session and learned once per process.
/// </summary>
/// <remarks>
/// <para>
/// Go's runtime changes its data structures between releases: fields are added, removed, widened or
/// moved to other packages. Ask the layout whether a field or type exists and branch on that, the
/// way the Go debugging tools viewcore and goref do, instead of on a Go version number.
/// </para>
/// <para>
/// When something a command needs is missing, throw <see cref="RuntimeLayoutException"/> (the
/// <c>Get...</c> methods do): the user sees one line naming the Go release and what was not found,
/// never a figure derived from a layout nobody checked.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var span = await layout.GetStructAsync("runtime.mspan", cancellationToken);
/// var freeIndex = span.Field("freeindex");          // uint16 from Go 1.22, uintptr before
/// ulong value = freeIndex.Read(spanBytes);           // read with the field's own width
/// bool headers = span.Has("largeType");              // Go 1.22+ allocation headers
/// </code>
/// </example>
public interface IRuntimeLayout
{
    /// <summary>The Go release that built the target as the binary records it (for example <c>go1.26.10</c>), for messages.</summary>
    Task<string> GetGoVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The layout of a struct type, or <see langword="null"/> when the target has no such type.</summary>
    /// <param name="typeName">The type's full name, for example <c>runtime.mspan</c> or <c>internal/runtime/maps.table</c>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<GoStructLayout?> FindStructAsync(string typeName, CancellationToken cancellationToken = default);

    /// <summary>The layout of a struct type.</summary>
    /// <exception cref="RuntimeLayoutException">The target has no such type; the message names it and the Go release.</exception>
    Task<GoStructLayout> GetStructAsync(string typeName, CancellationToken cancellationToken = default);

    /// <summary>The size in bytes of any type the target declares (an array or a named integer type, say), or <see langword="null"/>.</summary>
    /// <param name="typeName">The type, for example <c>runtime.semTable</c> or <c>[68]uint16</c>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<ulong?> FindSizeAsync(string typeName, CancellationToken cancellationToken = default);

    /// <summary>The value of an integer constant such as <c>runtime._PageSize</c>, or <see langword="null"/> when the target has none.</summary>
    Task<long?> FindConstantAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>A package variable's address and type, or <see langword="null"/> when the target has none of that name.</summary>
    /// <param name="name">The variable's full name, for example <c>runtime.mheap_</c>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<GoGlobal?> FindGlobalAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>A package variable's address and type.</summary>
    /// <exception cref="RuntimeLayoutException">The target has no such variable.</exception>
    Task<GoGlobal> GetGlobalAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// An exception saying that the target's runtime lacks <paramref name="what"/>, in the one-line
    /// form every command uses: <c>the target's runtime (go1.26.10) has no WHAT</c>.
    /// </summary>
    Task<RuntimeLayoutException> MissingAsync(string what, CancellationToken cancellationToken = default);
}
