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
        Assert.Contains("Passed:     2", fixture.TestOutput, StringComparison.Ordinal);
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
    public async Task CommandItemTemplateAddsACommandThatBuilds()
    {
        // A copy, so the generated solution other tests look at stays as generated.
        var copy = Path.Combine(fixture.Root, "item-template");
        FolderCopy.WithoutBuildOutput(fixture.Generated, copy);
        var project = Path.Combine(copy, "Contoso.Leaks");

        // dotnet new reads RootNamespace only from a restored project (else the template's default applies).
        await fixture.DotnetAsync(copy, "restore", project);
        await fixture.DotnetAsync(copy, "new", "dlvx-command", "-n", "FindLeaks", "-o", project, "--debug:custom-hive", fixture.Hive);
        await fixture.DotnetAsync(copy, "new", "dlvx-command", "-n", "ShowStacks", "-o", project, "--Namespace", "Contoso.Leaks.Stacks", "--debug:custom-hive", fixture.Hive);

        var command = await File.ReadAllTextAsync(Path.Combine(project, "FindLeaksCommand.cs"));
        Assert.Contains("namespace Contoso.Leaks;", command, StringComparison.Ordinal);
        Assert.Contains("public sealed class FindLeaksCommand(", command, StringComparison.Ordinal);
        Assert.Contains("[Command(\"find-leaks\"", command, StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Leaks.Stacks;", await File.ReadAllTextAsync(Path.Combine(project, "ShowStacksCommand.cs")), StringComparison.Ordinal);
        await fixture.DotnetAsync(copy, "build", project, "-c", "Release");
    }
}
