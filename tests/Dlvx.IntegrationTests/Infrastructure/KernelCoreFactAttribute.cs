namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs the kernel to write core files into the crashing process's folder: core_pattern
/// a plain file name (not a pipe to systemd-coredump or apport). Elsewhere it is reported as skipped
/// with the pattern it found.
/// </summary>
internal sealed class KernelCoreFactAttribute : FactAttribute
{
    public KernelCoreFactAttribute()
    {
        const string patternFile = "/proc/sys/kernel/core_pattern";
        if (!OperatingSystem.IsLinux() || !File.Exists(patternFile))
        {
            Skip = "needs Linux's /proc/sys/kernel/core_pattern";
            return;
        }

        var pattern = File.ReadAllText(patternFile).Trim();
        if (pattern.StartsWith('|') || pattern.Contains('/', StringComparison.Ordinal))
        {
            Skip = $"the kernel hands core dumps elsewhere (core_pattern is '{pattern}'); it must be a plain file name such as 'core'";
        }
    }
}
