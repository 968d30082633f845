namespace Dlvx.Sdk.Delve;

/// <summary>The target process has exited; nothing can be read from it.</summary>
public sealed class ProcessExitedException : DelveException
{
    /// <summary>Creates the exception.</summary>
    public ProcessExitedException()
        : base("process exited")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProcessExitedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public ProcessExitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exit status, when Delve reported it.</summary>
    public int? ExitStatus { get; init; }
}
