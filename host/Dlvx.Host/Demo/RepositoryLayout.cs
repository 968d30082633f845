namespace Dlvx.Host.Demo;

/// <summary>Finds the dlvx source tree, where the demo's Go program lives.</summary>
internal static class RepositoryLayout
{
    public static string? FindRoot()
    {
        if (Environment.GetEnvironmentVariable("DLVX_REPO") is { Length: > 0 } configured && Directory.Exists(configured))
        {
            return configured;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "demo", "leaky", "main.go")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
