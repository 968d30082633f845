namespace Dlvx.Sdk.Delve;

/// <summary>The target is running, so its state cannot be read until it is halted.</summary>
public sealed class TargetRunningException : DelveException
{
    /// <summary>The message every client shows.</summary>
    public const string DefaultMessage = "target is running; halt it first";

    /// <summary>Creates the exception.</summary>
    public TargetRunningException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TargetRunningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public TargetRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
