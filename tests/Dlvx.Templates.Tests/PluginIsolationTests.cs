using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.Sdk.Testing;

namespace Dlvx.Templates.Tests;

/// <summary>
/// Plugins installed side by side keep their own dependencies: two plugins built against different
/// major versions of Newtonsoft.Json (while dlvx itself carries a third copy, through StreamJsonRpc)
/// run in one dlvx, each with the version it was built with.
/// </summary>
[Collection(AuthoringCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PluginIsolationTests(AuthoringFixture fixture)
{
    private const string SampleJson = """{"Name":"dlvx","Numbers":[1,2,3],"When":"2020-01-02T03:04:05Z"}""";

    [Fact]
    public async Task TwoInstalledPluginsEachRunWithTheirOwnNewtonsoftJson()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var feed = Path.Combine(fixture.Root, "isolation-feed");
        await Task.WhenAll(PackAsync("Dlvx.TestPlugins.Newtonsoft12", feed), PackAsync("Dlvx.TestPlugins.Newtonsoft13", feed));

        var home = Directory.CreateDirectory(Path.Combine(fixture.Root, "homes", "isolation")).FullName;
        foreach (var id in new[] { "Dlvx.TestPlugins.Newtonsoft12", "Dlvx.TestPlugins.Newtonsoft13" })
        {
            var install = await DlvxPlugins.RunAsync(home, "install", id, "--source", feed);
            Assert.True(install.ExitCode == 0, install.Output);
        }

        var program = await GoProgram.BuildAsync(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "testdata", "hello"), timeout.Token);
        await using var dlvx = await DlvxExecSession.StartAsync(TestPaths.Dlvx, program, new Dictionary<string, string>
        {
            ["DLVX_HOME"] = home,
            ["DLVX_PLUGINS"] = Directory.CreateDirectory(Path.Combine(home, "no-bundled")).FullName,
        });
        using var client = await dlvx.ConnectJsonRpcAsync(timeout.Token);

        var twelve = JsonNode.Parse((await client.RunAsync(new RunRequest("newtonsoft-12"), timeout.Token)).Data!.Value.GetRawText())!;
        var thirteen = JsonNode.Parse((await client.RunAsync(new RunRequest("newtonsoft-13"), timeout.Token)).Data!.Value.GetRawText())!;

        Assert.Equal("12.0.0.0", twelve["AssemblyVersion"]!.GetValue<string>());
        Assert.StartsWith("12.0.3.", twelve["FileVersion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("13.0.0.0", thirteen["AssemblyVersion"]!.GetValue<string>());

        // dlvx carries 13.0.4: a plugin handed the host's copy would report that file version instead.
        Assert.StartsWith("13.0.3.", thirteen["FileVersion"]!.GetValue<string>(), StringComparison.Ordinal);

        // Each copy sits in its own plugin's load context, and each serialises for real.
        Assert.True(twelve["SameContextAsPlugin"]!.GetValue<bool>(), twelve.ToJsonString());
        Assert.True(thirteen["SameContextAsPlugin"]!.GetValue<bool>(), thirteen.ToJsonString());
        Assert.NotEqual(twelve["LoadContext"]!.GetValue<string>(), thirteen["LoadContext"]!.GetValue<string>());
        Assert.Equal(SampleJson, twelve["Serialised"]!.GetValue<string>());
        Assert.Equal(SampleJson, thirteen["Serialised"]!.GetValue<string>());
    }

    /// <summary>Packs a test plugin, built with these tests (a project reference), as a DlvxPlugin package.</summary>
    private static async Task PackAsync(string project, string feed)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "plugins", project, project + ".csproj");
        var pack = await ChildProcess.RunAsync("dotnet", ["pack", path, "-c", TestPaths.Configuration, "--no-build", "-o", feed], TestPaths.RepoRoot, TimeSpan.FromMinutes(2));
        pack.EnsureSuccess($"dotnet pack {project}");
    }
}
