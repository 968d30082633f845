namespace Dlvx.Host.Install;

/// <summary>
/// Serialises installs, updates and uninstalls in one dlvx home across processes: an exclusive
/// handle on a lock file, released by disposal (or by the OS when the process dies).
/// </summary>
internal sealed class InstallLock : IDisposable
{
    private readonly FileStream stream;

    private InstallLock(FileStream stream) => this.stream = stream;

    public static async Task<InstallLock> AcquireAsync(DlvxHomeLayout home, TimeSpan patience, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(home.Home);
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                return new InstallLock(new FileStream(home.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (IOException e)
            {
                throw new PluginInstallException($"another dlvx plugins command is changing {home.Home}; try again when it has finished", e);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
