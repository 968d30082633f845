using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Runtime;

/// <summary>
/// Typed values of the stopped target, the way GDB's Python API gives <c>gdb.Value</c>: read a value
/// of a named type at an address, or evaluate an expression, then follow fields, elements and
/// pointers, and take numbers, booleans and strings as .NET values. No expression strings are built
/// by hand and nothing Delve prints is parsed. Inject it into a command's constructor.
/// </summary>
/// <example>
/// <code>
/// var channel = await values.ReadAsync("runtime.hchan", address, cancellationToken);
/// var queued = channel["qcount"].ToUInt64();          // a number, not "3"
/// var closed = channel["closed"].ToUInt64() != 0;
/// var first = await channel["recvq"]["first"].DereferenceAsync(cancellationToken);   // a runtime.sudog
/// var waiter = await first["g"].DereferenceAsync(cancellationToken);
/// long id = waiter["goid"].ToInt64();
/// </code>
/// </example>
public interface IGoValues
{
    /// <summary>Evaluates a Go expression (<c>main.cache</c>, <c>buf[3]</c>) in a scope, and returns its value.</summary>
    /// <param name="expression">The expression.</param>
    /// <param name="scope">Where to evaluate it; <see langword="null"/> for the selected goroutine's top frame.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <exception cref="GoValueException">The expression has no value with an address (a constant, a function call).</exception>
    Task<GoValue> EvalAsync(string expression, EvalScope? scope = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a value of <paramref name="typeName"/> at <paramref name="address"/>.</summary>
    /// <exception cref="RuntimeLayoutException">The target has no such type.</exception>
    /// <exception cref="TargetMemoryException">The value's bytes cannot be read.</exception>
    Task<GoValue> ReadAsync(string typeName, ulong address, CancellationToken cancellationToken = default);

    /// <summary>Reads values of one type at many addresses in one batch (a linked list's nodes, a goroutine list).</summary>
    Task<IReadOnlyList<GoValue>> ReadManyAsync(string typeName, IReadOnlyList<ulong> addresses, CancellationToken cancellationToken = default);

    /// <summary>The type of that name, learned once.</summary>
    /// <exception cref="RuntimeLayoutException">The target has no such type.</exception>
    Task<GoType> TypeAsync(string typeName, CancellationToken cancellationToken = default);

    /// <summary>The concrete value an interface holds, typed by its dynamic type, or <see langword="null"/> for a nil interface.</summary>
    Task<GoValue?> DynamicValueAsync(GoValue value, CancellationToken cancellationToken = default);

    /// <summary>
    /// The runtime's name for a type descriptor (a <c>*_type</c>): an interface's dynamic type word, a
    /// channel's <c>elemtype</c>, a malloc header. Spelled as the runtime spells it (<c>*poll.FD</c>).
    /// </summary>
    Task<string> RuntimeTypeNameAsync(ulong typeDescriptor, CancellationToken cancellationToken = default);
}
