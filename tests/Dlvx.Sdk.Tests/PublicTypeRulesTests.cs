using System.Reflection;
using System.Text.Json.Serialization;
using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Tests;

/// <summary>Rules every public SDK type follows, checked over the whole assembly so a new type cannot miss them.</summary>
public sealed class PublicTypeRulesTests
{
    private static readonly Assembly Sdk = typeof(ICommand).Assembly;

    /// <summary>
    /// The namespaces a plugin project imports implicitly (Microsoft.NET.Sdk's implicit usings): a
    /// public SDK type of the same name as a type there is ambiguous in every plugin that uses both.
    /// </summary>
    private static readonly string[] ImplicitNamespaces =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    [Fact]
    public void EveryPropertyOfDelvesWireTypesStatesDelvesOwnJsonName()
    {
        // One rule for the casing of Delve's JSON (camelCase tags and bare Go field names mixed, as
        // Delve's own types have them): each property says its name, so nothing depends on
        // case-insensitive matching and a request is sent exactly as Go spells it.
        var wireTypes = Sdk.GetExportedTypes()
            .Where(t => t.Namespace == "Dlvx.Sdk.Delve" && t.IsClass && !t.IsAbstract && !typeof(Exception).IsAssignableFrom(t) && t != typeof(MemoryBlock))
            .ToList();
        Assert.Contains(typeof(DebuggerState), wireTypes);
        var missing = wireTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.GetCustomAttribute<JsonPropertyNameAttribute>() is null)
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void NoPublicTypeCollidesWithABaseClassLibraryTypeUnderImplicitUsings()
    {
        var bcl = new[] { typeof(object), typeof(List<>), typeof(File), typeof(Enumerable), typeof(HttpClient), typeof(Thread), typeof(Task) }
            .Select(t => t.Assembly)
            .Distinct()
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => ImplicitNamespaces.Contains(t.Namespace))
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Thread", bcl);
        Assert.DoesNotContain(Sdk.GetExportedTypes(), t => bcl.Contains(t.Name));
    }
}
