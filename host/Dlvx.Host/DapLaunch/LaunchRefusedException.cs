namespace Dlvx.Host.DapLaunch;

/// <summary>
/// A launch or attach request dlvx cannot carry out. The message is one line for the user, shown as the
/// request's error, the way <c>dlv dap</c> shows its own launch errors.
/// </summary>
internal sealed class LaunchRefusedException : Exception
{
    public LaunchRefusedException()
    {
    }

    public LaunchRefusedException(string message)
        : base(message)
    {
    }

    public LaunchRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
