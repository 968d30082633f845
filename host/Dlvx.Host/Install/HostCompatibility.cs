using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using Dlvx.Sdk;

namespace Dlvx.Host.Install;

/// <summary>
/// Whether this dlvx can load a plugin, decided before installing it: the same Dlvx.Sdk rule as the
/// loader, and no Microsoft.Extensions.*.Abstractions newer than the host carries (the host shares its
/// copies with every plugin, and a plugin compiled against a newer one fails with TypeLoadException).
/// </summary>
internal static class HostCompatibility
{
    public static Version HostSdkVersion => typeof(ICommand).Assembly.GetName().Version!;

    /// <summary>Returns why the plugin cannot load in this host, or null when it can.</summary>
    /// <param name="manifest">What the package says it was built against.</param>
    /// <param name="mainAssembly">The extracted main assembly, whose references are the final word.</param>
    public static string? Check(PluginManifest manifest, string mainAssembly)
    {
        IReadOnlyList<AssemblyName> references;
        try
        {
            references = ReadReferences(mainAssembly);
        }
        catch (BadImageFormatException e)
        {
            return $"{Path.GetFileName(mainAssembly)} is not a .NET assembly: {e.Message}";
        }

        var sdk = references.FirstOrDefault(r => r.Name == "Dlvx.Sdk")?.Version
            ?? (Version.TryParse(manifest.SdkAssemblyVersion, out var declared) ? declared : null);
        if (sdk is null)
        {
            return $"{manifest.Assembly} does not reference Dlvx.Sdk";
        }

        var host = HostSdkVersion;
        if (sdk.Major != host.Major || sdk > host)
        {
            return $"built against Dlvx.Sdk {sdk}, but this dlvx carries {host}; use a build of the plugin against Dlvx.Sdk {host.Major}.x no newer than {host}";
        }

        var required = manifest.Abstractions
            .Select(a => (Name: a.Key, Version: Version.TryParse(a.Value, out var v) ? v : null))
            .Concat(references.Select(r => (Name: r.Name ?? "", r.Version)))
            .Where(a => a.Version is not null && IsAbstractions(a.Name))
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Version: g.Max(a => a.Version)!));
        foreach (var (name, version) in required)
        {
            if (HostVersionOf(name) is { } carried && version > carried)
            {
                return $"built against {name} {version}, but this dlvx carries {carried}; rebuild it against the lowest version Dlvx.Sdk references";
            }
        }

        return null;
    }

    /// <summary>
    /// The version of an assembly the host carries, or null when it carries none (then the plugin's own
    /// copy is used, and any version works). For the abstractions the SDK shares, this is the copy every
    /// plugin gets, whatever version it ships.
    /// </summary>
    public static Version? HostVersionOf(string assemblyName)
    {
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == assemblyName);
        if (loaded is not null)
        {
            return loaded.GetName().Version;
        }

        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(assemblyName)).GetName().Version;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static bool IsAbstractions(string name) =>
        name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) && name.EndsWith(".Abstractions", StringComparison.Ordinal);

    private static List<AssemblyName> ReadReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("no metadata");
        }

        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(h => metadata.GetAssemblyReference(h))
            .Select(r => new AssemblyName(metadata.GetString(r.Name)) { Version = r.Version })
            .ToList();
    }
}
