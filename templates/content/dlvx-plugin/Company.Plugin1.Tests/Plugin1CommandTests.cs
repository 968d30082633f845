using Dlvx.Sdk.Testing;

namespace Company.Plugin1.Tests;

/// <summary>Runs the command the way dlvx does, against a real dlv stopped in testdata/hello.</summary>
public sealed class Plugin1CommandTests
{
    private static string HelloProgram => Path.Combine(AppContext.BaseDirectory, "testdata", "hello");

    [Fact]
    public async Task CountsGoroutinesByStartFunction()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var binary = await GoProgram.BuildAsync(HelloProgram, timeout.Token);
        await using var session = await DelveSession.StartAsync(binary, stopAt: "main.stop", cancellationToken: timeout.Token);
        await using var runner = CommandRunner.ForAssembly(typeof(Plugin1Command).Assembly, session.Delve);

        var result = (await runner.RunAsync("plugin1-command -top 3", timeout.Token)).EnsureSuccess();

        // testdata/hello starts five goroutines in main.worker and stops while they all wait.
        var census = result.DataAs<GoroutineCensus>();
        Assert.Equal(new StartFunctionCount("main.worker", 5), census.ByStartFunction[0]);
        Assert.True(census.ByStartFunction.Count <= 3);
        Assert.Contains("main.worker", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsANonPositiveTop()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var binary = await GoProgram.BuildAsync(HelloProgram, timeout.Token);
        await using var session = await DelveSession.StartAsync(binary, stopAt: "main.stop", cancellationToken: timeout.Token);
        await using var runner = CommandRunner.ForAssembly(typeof(Plugin1Command).Assembly, session.Delve);

        var result = await runner.RunAsync("plugin1-command -top 0", timeout.Token);

        Assert.False(result.Succeeded);
        Assert.Contains("-top must be positive", result.Text, StringComparison.Ordinal);
    }
}
