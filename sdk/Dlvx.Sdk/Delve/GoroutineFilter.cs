namespace Dlvx.Sdk.Delve;

/// <summary>A filter for <see cref="IDelveClient.ListGoroutinesAsync"/> (Delve's <c>api.ListGoroutinesFilter</c>).</summary>
public sealed class GoroutineFilter
{
    /// <summary>The field compared.</summary>
    public GoroutineField Kind { get; set; }

    /// <summary>Whether the filter is negated.</summary>
    public bool Negated { get; set; }

    /// <summary>The value: a substring of a location, <c>key=value</c> for a label.</summary>
    public string Arg { get; set; } = "";
}
