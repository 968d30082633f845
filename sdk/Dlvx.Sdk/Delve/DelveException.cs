namespace Dlvx.Sdk.Delve;

/// <summary>Delve answered a request with an error.</summary>
public class DelveException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DelveException()
    {
    }

    /// <summary>Creates the exception with Delve's message.</summary>
    public DelveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with Delve's message and the cause.</summary>
    public DelveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The JSON-RPC method that failed, when known.</summary>
    public string? Method { get; init; }
}
