using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests.RuntimeViews;

/// <summary>
/// memory-map on a core the kernel wrote (GOTRACEBACK=crash): its PT_LOAD segments and the NT_FILE
/// note that names the files they map, which Delve's own dumps do not carry.
/// </summary>
public sealed class KernelCoreTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string folder = Directory.CreateTempSubdirectory("dlvx-kernel-core-").FullName;

    [KernelCoreFact]
    public async Task A_kernel_core_maps_with_its_files_and_agrees_with_the_runtime()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.RuntimeViewsProgram);
        await using (var crashing = ChildProcess.Start("sh", ["-c", "ulimit -c unlimited && exec \"$0\" crash", binary], workingDirectory: folder))
        {
            var code = await crashing.WaitForExitAsync(Patience);
            Assert.True(code != 0, $"the program should have crashed\n{crashing.StandardError}");
        }

        var core = Directory.EnumerateFiles(folder, "core*").SingleOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"no core in {folder}; the kernel may not allow them (ulimit -c, or a file system it will not write to)");
        await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["core", binary, core, "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.RuntimeViewsPlugin]);
        using var client = await JsonRpcTestClient.ConnectAsync(await dlvx.WaitForDlvxAddressAsync(Patience));
        var run = (await client.CallAsync(DlvxMethods.Run, new RunRequest("memory-map", []), Patience)).Result<RunResponse>();
        output.WriteLine(run.Text);
        var map = JsonNode.Parse(run.Data!.Value.GetRawText())!;

        Assert.Equal($"core file {core}", map["Source"]!.GetValue<string>());
        Assert.True(map["CrossCheck"]!["HeapMatches"]!.GetValue<bool>() && map["CrossCheck"]!["StacksMatch"]!.GetValue<bool>(), map["CrossCheck"]!.ToJsonString());
        var regions = map["Regions"]!.AsArray();
        foreach (var kind in new[] { "text", "rodata", "data" })
        {
            Assert.Contains(regions, r => r!["Kind"]!.GetValue<string>() == kind && r["File"]!.GetValue<string>() == binary);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
