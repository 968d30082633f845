using System.Globalization;
using System.Text;

namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>
/// Finds the core file Delve has open. Delve's API does not say which file it is (RPCServer.Recorded
/// says only that the target is recorded), so this looks for <c>dlv ... core EXECUTABLE CORE</c>
/// among this machine's processes, reading each one's command line and working folder, and keeps
/// the cores dumped from the process Delve reports. The caller then checks the bytes.
/// </summary>
public static class CoreFileLocator
{
    /// <summary>Every <c>dlv core</c> of this machine whose core was dumped from process <paramref name="processId"/>.</summary>
    public static IReadOnlyList<CoreFileCandidate> Find(int processId)
    {
        var found = new List<CoreFileCandidate>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(folder);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _) || ReadArguments(folder) is not { Length: >= 4 } arguments
                || !Path.GetFileName(arguments[0]).StartsWith("dlv", StringComparison.Ordinal))
            {
                continue;
            }

            var verb = Array.IndexOf(arguments, "core");
            var positional = arguments.Skip(verb + 1).Where(a => !a.StartsWith('-')).Take(2).ToList();
            if (verb < 1 || positional.Count < 2)
            {
                continue;
            }

            var workingFolder = WorkingFolder(folder);
            var core = Resolve(positional[1], workingFolder);
            if (core is not null && !found.Any(c => c.CorePath == core) && CoreDump.TryOpen(core) is { } dump && dump.ProcessId == processId)
            {
                found.Add(new CoreFileCandidate(core, Resolve(positional[0], workingFolder)));
            }
        }

        return found;
    }

    private static string[]? ReadArguments(string processFolder)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(processFolder, "cmdline"))).TrimEnd('\0').Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already, or another user's process.
            return null;
        }
    }

    private static string? WorkingFolder(string processFolder)
    {
        try
        {
            return new DirectoryInfo(Path.Combine(processFolder, "cwd")).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Resolve(string path, string? workingFolder) =>
        Path.IsPathRooted(path) ? path : workingFolder is null ? null : Path.GetFullPath(Path.Combine(workingFolder, path));
}
