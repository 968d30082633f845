using System.IO.Compression;
using System.Text.Json;

namespace Dlvx.Templates.Tests;

/// <summary><c>dotnet new dlvx-plugin</c> and <c>dlvx-command</c>: what they generate builds, tests and packs as a plugin.</summary>
[Collection(AuthoringCollection.Name)]
[Trait("Category", "Slow")]
public sealed class TemplateTests(AuthoringFixture fixture)
{
    [Fact]
    public void GeneratedTestsPassAgainstARealDelve()
    {
        // The fixture ran `dotnet test` on the generated solution (and failed if it did not succeed).
        Assert.Contains("Passed!", fixture.TestOutput, StringComparison.Ordinal);
        // Two against a real Delve, one replaying a recording of it, one against a hand-written fake.
        Assert.Contains("Passed:     4", fixture.TestOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesFlowIntoNamespacesClassesAndTheCommandName()
    {
        var command = File.ReadAllText(Path.Combine(fixture.Generated, "Contoso.Leaks", "LeaksCommand.cs"));
        Assert.Contains("namespace Contoso.Leaks;", command, StringComparison.Ordinal);
        Assert.Contains("public sealed class LeaksCommand(", command, StringComparison.Ordinal);
        Assert.Contains("[Command(\"leaks\"", command, StringComparison.Ordinal);
        var project = File.ReadAllText(Path.Combine(fixture.Generated, "Contoso.Leaks", "Contoso.Leaks.csproj"));
        Assert.Contains("<PackageId>Contoso.Leaks</PackageId>", project, StringComparison.Ordinal);
        Assert.Contains($"Version=\"{fixture.Version}\"", project, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "LeaksCommandTests.cs")));
        Assert.Contains("public const string TopThree = \"LeaksCommand-top-3.jsonl\";", File.ReadAllText(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "RecordingFiles.cs")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "recordings", "LeaksCommand-top-3.jsonl")));
        Assert.True(File.Exists(Path.Combine(fixture.Generated, "README.md")));
    }

    [Fact]
    public void PackProducesADlvxPluginPackageWithTheBuildOutputUnderPlugin()
    {
        using var package = ZipFile.OpenRead(fixture.PluginPackage);
        var names = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("plugin/Contoso.Leaks.dll", names);
        Assert.Contains("plugin/Contoso.Leaks.deps.json", names);
        Assert.DoesNotContain(names, n => n.StartsWith("lib/", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("Dlvx.Sdk", StringComparison.Ordinal));

        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.Contains("<packageType name=\"DlvxPlugin\" />", nuspec.ReadToEnd(), StringComparison.Ordinal);

        using var manifest = JsonDocument.Parse(package.GetEntry("dlvx-plugin.json")!.Open());
        Assert.Equal(fixture.Version, manifest.RootElement.GetProperty("sdkVersion").GetString());
        Assert.Equal("0.1.0.0", manifest.RootElement.GetProperty("sdkAssemblyVersion").GetString());
        Assert.Equal("Contoso.Leaks.dll", manifest.RootElement.GetProperty("assembly").GetString());
        Assert.Equal("8.0.0.0", manifest.RootElement.GetProperty("abstractions").GetProperty("Microsoft.Extensions.DependencyInjection.Abstractions").GetString());
    }

    [Fact]
    public void TheGuidesCommandItemTemplateTookTheProjectsNamespace()
    {
        // The guide runs dotnet new dlvx-command after dotnet test, so the project is restored and its
        // RootNamespace readable; the plugin package (built after it) carries the command (AuthoringGuideTests).
        var command = File.ReadAllText(Path.Combine(fixture.Generated, "Contoso.Leaks", "FindLeaksCommand.cs"));
        Assert.Contains("namespace Contoso.Leaks;", command, StringComparison.Ordinal);
        Assert.Contains("public sealed class FindLeaksCommand(", command, StringComparison.Ordinal);
        Assert.Contains("[Command(\"find-leaks\"", command, StringComparison.Ordinal);
    }
}
