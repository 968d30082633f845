using System.Text.Json;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing.Tests.Commands;

namespace Dlvx.Sdk.Testing.Tests;

/// <summary>
/// Record a real session's Delve answers, replay them with no Delve: the same result, every request
/// answered from the file, and a request the file does not answer fails naming it.
/// </summary>
public sealed class DelveRecordingTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("dlvx-kit-recording-");

    [Fact]
    public async Task ARecordedCommandReplaysToTheSameResultAfterDelveAndTheTargetAreGone()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var path = Path.Combine(folder.FullName, "recordings", "census.jsonl");
        CommandRunResult recorded;
        int recordedCount;
        await using (var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(TestPrograms.Basic, timeout.Token), stopAt: "main.stop", cancellationToken: timeout.Token))
        {
            var recorder = DelveRecorder.Start(session.Delve);
            await using var runner = CommandRunner.ForAssembly(typeof(CensusCommand).Assembly, recorder.Delve);
            recorded = (await runner.RunAsync("kit-census --json", timeout.Token)).EnsureSuccess();
            await recorder.SaveAsync(path, timeout.Token);
            recordedCount = recorder.Count;
        }

        // What the command found is what the target holds, so the replay below has something real to match.
        var census = recorded.DataAs<Census>();
        Assert.Equal("42", census.Counter);
        Assert.Equal(42, census.CounterInMemory);
        Assert.StartsWith("SymbolNotFoundException: ", census.Missing, StringComparison.Ordinal);
        Assert.True(census.Goroutines >= 6, $"{census.Goroutines} goroutines");

        // The file: a header, then one line per request, the runtime services' memory reads and Delve's refusal included.
        var lines = await File.ReadAllLinesAsync(path, timeout.Token);
        Assert.Equal(recordedCount + 1, lines.Length);
        Assert.Equal($$"""{"format":"dlvx-delve-recording","version":1,"requests":{{recordedCount}}}""", lines[0]);
        var methods = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, recordedCount).Select(n => (long)n), methods.Select(m => m.GetProperty("seq").GetInt64()));
        Assert.Contains(methods, m => m.GetProperty("method").GetString() == "RPCServer.ExamineMemory");
        Assert.Contains(methods, m => m.TryGetProperty("error", out var error) && error.GetProperty("kind").GetString() == "SymbolNotFound");

        var recording = await DelveRecording.LoadAsync(path, timeout.Token);
        await using var replay = CommandRunner.ForAssembly(typeof(CensusCommand).Assembly, recording.Delve);
        var replayed = (await replay.RunAsync("kit-census --json", timeout.Token)).EnsureSuccess();

        Assert.Equal(recorded.Text, replayed.Text);
        Assert.Empty(recording.Misses);
        Assert.Empty(recording.Unused);
    }

    [Fact]
    public async Task TheSameRequestGetsItsAnswersInRecordedOrderAndOneTooManyFailsNamingIt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var path = Path.Combine(folder.FullName, "steps.jsonl");
        await using (var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(TestPrograms.Basic, timeout.Token), stopAt: "main.stop", cancellationToken: timeout.Token))
        {
            var recorder = DelveRecorder.Start(session.Delve);
            Assert.Equal("42", (await recorder.Delve.EvalAsync("main.counter", cancellationToken: timeout.Token)).Value);
            await recorder.Delve.CommandAsync(DebuggerCommands.Continue, cancellationToken: timeout.Token);
            Assert.Equal("30", (await recorder.Delve.EvalAsync("main.counter", cancellationToken: timeout.Token)).Value);
            await recorder.SaveAsync(path, timeout.Token);
        }

        var recording = await DelveRecording.LoadAsync(path, timeout.Token);
        var delve = recording.Delve;
        Assert.Equal("42", (await delve.EvalAsync("main.counter", cancellationToken: timeout.Token)).Value);
        Assert.False((await delve.CommandAsync(DebuggerCommands.Continue, cancellationToken: timeout.Token)).Exited);
        Assert.Equal("30", (await delve.EvalAsync("main.counter", cancellationToken: timeout.Token)).Value);

        var error = await Assert.ThrowsAsync<DelveReplayException>(() => delve.EvalAsync("main.counter", cancellationToken: timeout.Token));
        Assert.Equal("RPCServer.Eval", error.Method);
        Assert.StartsWith("RPCServer.Eval [{\"Scope\":{", error.Message, StringComparison.Ordinal);
        Assert.Contains($"was asked more often than the recording {path} answers it (2 times)", error.Message, StringComparison.Ordinal);
        Assert.Equal([error.Message], recording.Misses);
    }

    [Fact]
    public async Task ARequestTheRecordingLacksFailsTheCommandNamingTheRequestAndTheFile()
    {
        // A recording written by hand: only the host's running-target check is answered.
        var path = Path.Combine(folder.FullName, "state-only.jsonl");
        await File.WriteAllLinesAsync(path,
        [
            """{"format":"dlvx-delve-recording","version":1,"requests":1}""",
            """{"seq":1,"method":"RPCServer.State","params":[{"NonBlocking":true}],"result":{"State":{"Running":false}}}""",
        ]);
        var recording = await DelveRecording.LoadAsync(path);
        await using var runner = CommandRunner.ForAssembly(typeof(CensusCommand).Assembly, recording.Delve);

        var result = await runner.RunAsync("kit-census");

        Assert.False(result.Succeeded);
        var miss = Assert.Single(recording.Misses);
        Assert.StartsWith("RPCServer.ListGoroutines [{", miss, StringComparison.Ordinal);
        Assert.Contains($"is not in the recording {path} (it has no RPCServer.ListGoroutines request)", miss, StringComparison.Ordinal);
        Assert.Contains(miss, result.Text, StringComparison.Ordinal);
        Assert.Empty(recording.Unused);
    }

    [Fact]
    public async Task AFileThatIsNotARecordingIsRefusedNamingTheLine()
    {
        var missing = Path.Combine(folder.FullName, "none.jsonl");
        var notFound = await Assert.ThrowsAsync<FileNotFoundException>(() => DelveRecording.LoadAsync(missing));
        Assert.StartsWith($"no recording at {missing}: make one", notFound.Message, StringComparison.Ordinal);

        var bad = Path.Combine(folder.FullName, "bad.jsonl");
        await File.WriteAllLinesAsync(bad, ["""{"format":"dlvx-delve-recording","version":1,"requests":1}""", """{"seq":1,"result":{}}"""]);
        var invalid = await Assert.ThrowsAsync<InvalidDataException>(() => DelveRecording.LoadAsync(bad));
        Assert.StartsWith($"{bad}:2: not a recorded request", invalid.Message, StringComparison.Ordinal);

        var other = Path.Combine(folder.FullName, "other.jsonl");
        await File.WriteAllLinesAsync(other, ["""{"id":1,"result":{}}"""]);
        Assert.StartsWith($"{other}:1: not a dlvx recording", (await Assert.ThrowsAsync<InvalidDataException>(() => DelveRecording.LoadAsync(other))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFakeAnswersWhatItOverridesAndNamesWhatItDoesNot()
    {
        await using var runner = CommandRunner.ForAssembly(typeof(CensusCommand).Assembly, new ThreeGoroutinesDelve());

        var result = await runner.RunAsync("kit-census");

        Assert.False(result.Succeeded);
        Assert.Contains("ThreeGoroutinesDelve does not answer EvalAsync: override it to give the test's answer", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChannelVariablesLenIsItsFieldCountAndTheRuntimesHchanHoldsItsLengthAndCapacity()
    {
        // What Variable.Len's documentation says: for a channel Delve returns hchan's field count as len, and cap 0.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(TestPrograms.Channels, timeout.Token), stopAt: "main.stop", cancellationToken: timeout.Token);
        await using var runner = CommandRunner.ForAssembly(typeof(ChannelShapeCommand).Assembly, session.Delve);

        var shape = (await runner.RunAsync("kit-channel main.full", timeout.Token)).EnsureSuccess().DataAs<ChannelShape>();

        Assert.Equal(shape.VariableChildren, shape.VariableLen);
        Assert.Equal(0, shape.VariableCap);
        Assert.Equal(2, shape.Length);
        Assert.Equal(2, shape.Capacity);
    }

    public void Dispose() => folder.Delete(recursive: true);
}
