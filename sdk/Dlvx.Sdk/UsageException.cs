namespace Dlvx.Sdk;

/// <summary>
/// The command was called with arguments it cannot use. The host answers with the message
/// followed by the command's usage.
/// </summary>
public class UsageException : CommandException
{
    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception with the message the user sees.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
