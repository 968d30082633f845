namespace Dlvx.Plugins.TargetInfo;

/// <summary>The structured result of target-info.</summary>
public sealed record TargetInfo(
    string DelveVersion,
    int ApiVersion,
    string Backend,
    string GoVersion,
    int Pid,
    bool Exited,
    long? GoroutineId,
    StopLocation? Location,
    int? BreakpointId,
    int Goroutines);
