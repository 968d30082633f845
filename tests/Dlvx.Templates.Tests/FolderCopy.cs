namespace Dlvx.Templates.Tests;

/// <summary>Copies a generated solution, so a test can change it without changing what other tests look at.</summary>
internal static class FolderCopy
{
    /// <summary>Copies every file under <paramref name="from"/> to <paramref name="to"/>, leaving out build output (bin, obj).</summary>
    public static void WithoutBuildOutput(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
