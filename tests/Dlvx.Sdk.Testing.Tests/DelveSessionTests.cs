using System.Globalization;
using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Testing.Tests;

/// <summary>DelveSession does what its documentation says, its throws included.</summary>
public sealed class DelveSessionTests
{
    [Fact]
    public async Task ContinueToStopsAtTheLocationAndReturnsThatState()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(TestPrograms.Basic));

        var state = await session.ContinueToAsync("main.stop");

        Assert.Equal("main.stop", state.CurrentThread?.Function?.Name);
        var argument = await session.Delve.EvalAsync("step", new EvalScope { GoroutineId = -1 });
        Assert.Equal("1", argument.Value);
    }

    [Fact]
    public async Task ContinueToThrowsWhenTheTargetStopsElsewhere()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(TestPrograms.Basic));
        // A breakpoint of the test's own that the target reaches first.
        await session.Delve.CreateBreakpointAsync(new Breakpoint { FunctionName = "main.stop" });
        var line = LineOf("fmt.Println(\"basic: sum\", sum)");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.ContinueToAsync($"main.go:{line}"));

        Assert.Contains("stopped at main.stop main.go:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"instead of main.go:{line}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueToThrowsWhenTheTargetExitsFirst()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(TestPrograms.Basic), stopAt: "main.stop");
        await session.ContinueToAsync("main.stop"); // stop(2): every worker has returned

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.ContinueToAsync("main.worker"));

        Assert.Equal("the target exited with status 0 before reaching main.worker", error.Message);
    }

    [Fact]
    public async Task ContinueToThrowsForALocationDelveCannotFind()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(TestPrograms.Basic));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.ContinueToAsync("main.noSuchFunction"));

        Assert.StartsWith("location main.noSuchFunction not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartThrowsWhenTheStopIsNotReachedAndLeavesNoDelveBehind()
    {
        var binary = await GoProgram.BuildAsync(TestPrograms.Basic);
        var before = DelveChildren();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DelveSession.StartAsync(binary, stopAt: "main.noSuchFunction"));

        Assert.StartsWith("location main.noSuchFunction not found", error.Message, StringComparison.Ordinal);
        await AssertNoNewDelveAsync(before);
    }

    [Fact]
    public async Task StartThrowsFileNotFoundForABinaryThatIsNotThere()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"dlvx-no-such-binary-{Guid.NewGuid():N}");
        var before = DelveChildren();

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => DelveSession.StartAsync(missing));

        Assert.Equal(missing, error.FileName);
        await AssertNoNewDelveAsync(before);
    }

    [Fact]
    public async Task StartThrowsWhenDlvCannotBeRun()
    {
        var binary = await GoProgram.BuildAsync(TestPrograms.Basic);
        // DLVX_DLV names the dlv binary to run; tests here run one at a time, so setting it is safe.
        Environment.SetEnvironmentVariable("DLVX_DLV", Path.Combine(Path.GetTempPath(), $"dlvx-no-such-dlv-{Guid.NewGuid():N}"));
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DelveSession.StartAsync(binary));

            Assert.Contains("Install Delve", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DLVX_DLV", null);
        }
    }

    private static int LineOf(string code) =>
        File.ReadAllLines(Path.Combine(TestPrograms.Basic, "main.go")).Select((text, index) => (text, index)).Single(l => l.text.Trim() == code).index + 1;

    /// <summary>
    /// The dlv processes started since <paramref name="before"/> are gone, or go within a deadline: the
    /// kit has killed them when it throws, and the kernel may take a moment to remove an exited process.
    /// </summary>
    private static async Task AssertNoNewDelveAsync(HashSet<int> before)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (DelveChildren().Except(before).Any())
        {
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"dlv left running: {string.Join(", ", DelveChildren().Except(before))}");
            }
        }
    }

    /// <summary>dlv processes this test host started (its direct children), by pid; tests here run one at a time.</summary>
    private static HashSet<int> DelveChildren()
    {
        var children = new HashSet<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var comm = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == Environment.ProcessId && comm == "dlv")
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }
}
