namespace Dlvx.Sdk.Runtime;

/// <summary>Target memory could not be read (unmapped, or not in the core file).</summary>
public class TargetMemoryException : CommandException
{
    /// <summary>Creates the exception.</summary>
    public TargetMemoryException()
    {
    }

    /// <summary>Creates the exception with the message the user sees.</summary>
    public TargetMemoryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public TargetMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
