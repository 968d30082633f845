using Dlvx.Sdk.Testing;

namespace Company.Plugin1.Tests;

/// <summary>
/// Runs the command the way dlvx does, against a real dlv stopped in testdata/hello (needs go and dlv).
/// The first test also records what the command asks Delve: <c>DLVX_RECORD=1 dotnet test</c> saves it to
/// recordings/, where <see cref="Plugin1CommandReplayTests"/> replays it without Go or dlv.
/// </summary>
public sealed class Plugin1CommandTests
{
    private static string HelloProgram => Path.Combine(AppContext.BaseDirectory, "testdata", "hello");

    [Fact]
    public async Task CountsGoroutinesByStartFunction()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var binary = await GoProgram.BuildAsync(HelloProgram, timeout.Token);
        await using var session = await DelveSession.StartAsync(binary, stopAt: "main.stop", cancellationToken: timeout.Token);
        var recorder = DelveRecorder.Start(session.Delve);
        await using var runner = CommandRunner.ForAssembly(typeof(Plugin1Command).Assembly, recorder.Delve);

        var result = (await runner.RunAsync("plugin1-command -top 3", timeout.Token)).EnsureSuccess();

        HelloExpectations.FindsTheFiveWorkers(result);
        if (RecordingFiles.RecordingRequested)
        {
            await recorder.SaveAsync(RecordingFiles.InSource(RecordingFiles.TopThree), timeout.Token);
        }
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
