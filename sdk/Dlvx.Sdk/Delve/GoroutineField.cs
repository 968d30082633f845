namespace Dlvx.Sdk.Delve;

/// <summary>A goroutine field used to filter or group (Delve's <c>api.GoroutineField</c>).</summary>
public enum GoroutineField
{
    /// <summary>No field.</summary>
    None = 0,

    /// <summary>The current location.</summary>
    CurrentLoc = 1,

    /// <summary>The topmost user location.</summary>
    UserLoc = 2,

    /// <summary>The <c>go</c> statement location.</summary>
    GoLoc = 3,

    /// <summary>The start function location.</summary>
    StartLoc = 4,

    /// <summary>A pprof label (with a key).</summary>
    Label = 5,

    /// <summary>Whether the goroutine is running.</summary>
    Running = 6,

    /// <summary>Whether the goroutine is a user goroutine.</summary>
    User = 7,
}
