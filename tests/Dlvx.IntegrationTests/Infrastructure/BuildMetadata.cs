using System.Reflection;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// What the build stamped into the test assembly that compiles this file (both test projects that
/// run dlvx link it), and the configuration it was built in.
/// </summary>
internal static class BuildMetadata
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <exception cref="InvalidOperationException">The build did not stamp <paramref name="key"/>.</exception>
    public static string Get(string key) =>
        typeof(BuildMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"assembly metadata {key} is missing");
}
