namespace Dlvx.PluginRuntime.Plugins;

/// <summary>A plugin cannot be used; the message is one line saying why.</summary>
internal sealed class PluginLoadException : Exception
{
    public PluginLoadException()
    {
    }

    public PluginLoadException(string message)
        : base(message)
    {
    }

    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
