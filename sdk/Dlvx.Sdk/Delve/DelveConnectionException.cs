namespace Dlvx.Sdk.Delve;

/// <summary>The connection to Delve was lost or could not be made.</summary>
public sealed class DelveConnectionException : DelveException
{
    /// <summary>Creates the exception.</summary>
    public DelveConnectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DelveConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public DelveConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
