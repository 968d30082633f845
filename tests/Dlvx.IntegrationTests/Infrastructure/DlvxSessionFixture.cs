using System.Text.Json.Nodes;
using Dlvx.Sdk.Testing;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// One <c>dlvx exec</c> of a test program (testdata/basic unless a fixture says otherwise), shared by the tests of one class: started once, stopped with
/// SIGTERM to its own pid (its process tree killed by pid if it does not exit in 10 s).
/// </summary>
public abstract class DlvxSessionFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string[] programArguments;
    private readonly SemaphoreSlim stopOnce = new(1, 1);
    private ChildProcess? dlvx;
    private JsonObject? firstStop;
    private JsonObject? breakpoint;

    protected DlvxSessionFixture(params string[] programArguments) => this.programArguments = programArguments;

    /// <summary>The front port.</summary>
    public Endpoint Address { get; private set; } = new("127.0.0.1", 0);

    public int Pid => Process.Pid;

    /// <summary>What dlvx printed to stderr so far (plugin failures, warnings).</summary>
    public string StandardError => Process.StandardError;

    public string Binary { get; private set; } = "";

    /// <summary>The Go package to debug.</summary>
    protected virtual string ProgramPath => TestPaths.BasicProgram;

    /// <summary>More dlvx options for fixtures that need them (plugins, limits, isolation).</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>The running dlvx process, for tests that signal it.</summary>
    internal ChildProcess DlvxProcess => Process;

    private ChildProcess Process => dlvx ?? throw new InvalidOperationException("dlvx is not running");

    public async Task InitializeAsync()
    {
        using var build = new CancellationTokenSource(StartTimeout);
        Binary = await GoProgram.BuildAsync(ProgramPath, build.Token);
        var arguments = new List<string>
        {
            "exec", Binary, "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.TargetInfoPlugin,
        };
        arguments.AddRange(ExtraArguments);
        if (programArguments.Length > 0)
        {
            arguments.Add("--");
            arguments.AddRange(programArguments);
        }

        dlvx = ChildProcess.Start(TestPaths.Dlvx, arguments);
        Address = await dlvx.WaitForDlvxAddressAsync(StartTimeout);
    }

    public async Task DisposeAsync()
    {
        if (dlvx is not null)
        {
            await dlvx.DisposeAsync();
        }

        stopOnce.Dispose();
    }

    public Task<JsonRpcTestClient> ConnectJsonRpcAsync() => JsonRpcTestClient.ConnectAsync(Address);

    /// <summary>
    /// Runs the target, through dlvx, to the first <c>main.stop</c> (where main.counter is 42) with a
    /// conditional breakpoint, once per session. Returns the CreateBreakpoint and continue results.
    /// </summary>
    public async Task<(JsonObject Breakpoint, JsonObject State)> RunToFirstStopAsync()
    {
        if (!await stopOnce.WaitAsync(TimeSpan.FromSeconds(90)))
        {
            throw new TimeoutException("another test has been running the target to main.stop for 90 s");
        }

        try
        {
            if (firstStop is null || breakpoint is null)
            {
                using var client = await ConnectJsonRpcAsync();
                var created = await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject
                {
                    ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop", ["Cond"] = "step == 1" },
                });
                breakpoint = created.Result()["Breakpoint"]!.AsObject();
                var state = await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, TimeSpan.FromSeconds(60));
                firstStop = state.Result()["State"]!.AsObject();
            }

            return (breakpoint, firstStop);
        }
        finally
        {
            stopOnce.Release();
        }
    }
}
