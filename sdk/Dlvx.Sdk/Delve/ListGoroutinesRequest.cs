namespace Dlvx.Sdk.Delve;

/// <summary>Arguments of <see cref="IDelveClient.ListGoroutinesAsync"/> (Delve's <c>ListGoroutinesIn</c>).</summary>
public sealed class ListGoroutinesRequest
{
    /// <summary>Where to start: 0, or the <see cref="GoroutinePage.Nextg"/> of the previous page.</summary>
    public int Start { get; set; }

    /// <summary>Most goroutines to return; 0 returns all.</summary>
    public int Count { get; set; }

    /// <summary>Filters, all of which must match.</summary>
    public IReadOnlyList<GoroutineFilter>? Filters { get; set; }

    /// <summary>Groups the result by this field.</summary>
    public GoroutineField GroupBy { get; set; }

    /// <summary>The label key when grouping by label.</summary>
    public string GroupByKey { get; set; } = "";

    /// <summary>Most members returned per group.</summary>
    public int MaxGroupMembers { get; set; }

    /// <summary>Most groups returned.</summary>
    public int MaxGroups { get; set; }
}
