using Dlvx.Sdk.Testing;

namespace Company.Plugin1.Tests;

/// <summary>
/// The same command, answered from a recording of <see cref="Plugin1CommandTests"/>'s real Delve: no Go,
/// no dlv, no target, in milliseconds. If the command starts asking Delve something new, the replay fails
/// naming the request; record again with <c>DLVX_RECORD=1 dotnet test</c>.
/// </summary>
public sealed class Plugin1CommandReplayTests
{
    [Fact]
    public async Task CountsGoroutinesByStartFunctionFromARecording()
    {
        var recording = await DelveRecording.LoadAsync(RecordingFiles.InOutput(RecordingFiles.TopThree));
        await using var runner = CommandRunner.ForAssembly(typeof(Plugin1Command).Assembly, recording.Delve);

        var result = (await runner.RunAsync("plugin1-command -top 3")).EnsureSuccess();

        HelloExpectations.FindsTheFiveWorkers(result);
        Assert.Empty(recording.Unused);
    }
}
