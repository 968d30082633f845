namespace Dlvx.Sdk.Runtime;

/// <summary>A value was used as something it is not: a missing field, an index out of range, a pointer followed as a number.</summary>
public class GoValueException : CommandException
{
    /// <summary>Creates the exception.</summary>
    public GoValueException()
    {
    }

    /// <summary>Creates the exception with the message the user sees.</summary>
    public GoValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public GoValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
