namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>When a typed reference's view applies to the object it reaches.</summary>
internal enum HintRule : byte
{
    /// <summary>No view: the reference does not say what it reaches.</summary>
    None,

    /// <summary>Only if it points at the object's first data byte (a pointer into a struct's middle says nothing of the struct).</summary>
    AtBase,

    /// <summary>A slice's backing array: the array's length is the slice's capacity plus the elements before the slice's start.</summary>
    SliceBacking,

    /// <summary>Wherever it points (a string's bytes).</summary>
    Anywhere,
}
