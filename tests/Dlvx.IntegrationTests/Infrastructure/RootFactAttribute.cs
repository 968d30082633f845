namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs root and the named programs (to create a second user and run as it). Anywhere
/// else it is reported as skipped with the reason, never as a pass: CI runs as root, a developer may not.
/// </summary>
internal sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute(params string[] programs)
    {
        if (Environment.UserName != "root")
        {
            Skip = $"needs root (runs as {Environment.UserName})";
            return;
        }

        var missing = programs.Where(p => !IsOnPath(p)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} on PATH";
        }
    }

    private static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
