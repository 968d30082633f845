using Dlvx.Sdk.Testing;

namespace Company.Plugin1.Tests;

/// <summary>The command against a hand-written fake Delve: for cases no test program shows easily.</summary>
public sealed class Plugin1CommandFakeTests
{
    [Fact]
    public async Task ShowsOnlyTheTopStartFunctionsMostFirst()
    {
        await using var runner = CommandRunner.ForAssembly(typeof(Plugin1Command).Assembly, new SixGoroutinesDelve());

        var result = (await runner.RunAsync("plugin1-command -top 2")).EnsureSuccess();

        var census = result.DataAs<GoroutineCensus>();
        Assert.Equal(6, census.Total);
        Assert.Equal([new StartFunctionCount("main.worker", 3), new StartFunctionCount("main.server", 2)], census.ByStartFunction);
    }
}
