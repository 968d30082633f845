namespace Dlvx.PluginRuntime.Delve;

/// <summary>Delve could not be started; the message is one line the user can act on.</summary>
internal sealed class DelveStartException : Exception
{
    public DelveStartException()
    {
    }

    public DelveStartException(string message)
        : base(message)
    {
    }

    public DelveStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
