namespace Dlvx.Host.JsonRpc;

/// <summary>An intercepted request failed; the message goes back to the client as the JSON-RPC error.</summary>
internal sealed class InterceptedRequestException : Exception
{
    public InterceptedRequestException()
    {
    }

    public InterceptedRequestException(string message)
        : base(message)
    {
    }

    public InterceptedRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
