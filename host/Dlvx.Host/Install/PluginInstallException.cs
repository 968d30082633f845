namespace Dlvx.Host.Install;

/// <summary>An install, update or uninstall was refused; the message is one line saying why, and nothing was changed.</summary>
internal sealed class PluginInstallException : Exception
{
    public PluginInstallException(string message)
        : base(message)
    {
    }

    public PluginInstallException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
