namespace Dlvx.Sdk.Delve;

/// <summary>How much of a value Delve reads (Delve's <c>api.LoadConfig</c>).</summary>
public sealed class LoadConfig
{
    /// <summary>Whether pointers are followed.</summary>
    public bool FollowPointers { get; set; } = true;

    /// <summary>How deep nested values are read.</summary>
    public int MaxVariableRecurse { get; set; } = 1;

    /// <summary>Longest string read, in bytes.</summary>
    public int MaxStringLen { get; set; } = 64;

    /// <summary>Most elements read from an array, slice or map.</summary>
    public int MaxArrayValues { get; set; } = 64;

    /// <summary>Most struct fields read; -1 reads all.</summary>
    public int MaxStructFields { get; set; } = -1;
}
