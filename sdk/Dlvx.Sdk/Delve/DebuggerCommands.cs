namespace Dlvx.Sdk.Delve;

/// <summary>Names of Delve's execution commands for <see cref="IDelveClient.CommandAsync"/>.</summary>
public static class DebuggerCommands
{
    /// <summary>Resume until a breakpoint or exit.</summary>
    public const string Continue = "continue";

    /// <summary>Step over to the next source line.</summary>
    public const string Next = "next";

    /// <summary>Step into.</summary>
    public const string Step = "step";

    /// <summary>Step out of the current function.</summary>
    public const string StepOut = "stepOut";

    /// <summary>Stop a running target.</summary>
    public const string Halt = "halt";

    /// <summary>Select another goroutine.</summary>
    public const string SwitchGoroutine = "switchGoroutine";
}
