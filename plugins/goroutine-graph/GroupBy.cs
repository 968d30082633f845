namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>What goroutines are grouped by.</summary>
public enum GroupBy
{
    /// <summary>The start function.</summary>
    Start,

    /// <summary>The go statement that created them.</summary>
    Go,

    /// <summary>The topmost user frame.</summary>
    User,

    /// <summary>The current location, runtime frames included.</summary>
    Current,

    /// <summary>The wait reason.</summary>
    Wait,
}
