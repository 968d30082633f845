namespace Dlvx.Sdk;

/// <summary>
/// A failure the user can act on, such as a missing snapshot or a bad value. The host shows only
/// <see cref="Exception.Message"/>, without a stack trace.
/// </summary>
public class CommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandException()
    {
    }

    /// <summary>Creates the exception with the message the user sees.</summary>
    public CommandException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public CommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
