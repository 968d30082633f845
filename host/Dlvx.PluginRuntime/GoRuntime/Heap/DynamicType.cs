namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>The concrete type behind an interface's type word.</summary>
/// <param name="Name">The type's name as Delve prints it.</param>
/// <param name="Direct">
/// Whether values of the type are pointer-shaped and so stored in the interface's data word itself
/// (pointers, maps, chans, funcs, and one-field structs or one-element arrays of those); other values
/// are boxed, the data word pointing at a heap copy.
/// </param>
internal sealed record DynamicType(string Name, bool Direct);
