using Dlvx.Host.Cli;

namespace Dlvx.Host.Tests;

public sealed class DlvxCommandLineTests
{
    [Theory]
    [InlineData("run target-info", "run -- target-info")]
    [InlineData("run heap-stats -top 5", "run -- heap-stats -top 5")]
    [InlineData("run --addr 127.0.0.1:1 heap-stats --json -top 5", "run --addr 127.0.0.1:1 -- heap-stats --json -top 5")]
    [InlineData("run -a 127.0.0.1:1 --json target-info", "run -a 127.0.0.1:1 --json -- target-info")]
    [InlineData("run --addr=127.0.0.1:1 target-info --help", "run --addr=127.0.0.1:1 -- target-info --help")]
    [InlineData("run --help", "run --help")]
    [InlineData("run --addr 127.0.0.1:1", "run --addr 127.0.0.1:1")]
    [InlineData("run", "run")]
    [InlineData("run -- target-info -x", "run -- target-info -x")]
    [InlineData("commands --addr 127.0.0.1:1", "commands --addr 127.0.0.1:1")]
    [InlineData("exec ./prog -- a b", "exec ./prog -- a b")]
    public void InsertsDoubleDashBeforeThePluginCommand(string args, string expected)
    {
        var result = DlvxCommandLine.PassThroughAfterCommand(args.Split(' '));
        Assert.Equal(expected.Split(' '), result);
    }

    [Fact]
    public void EmptyArgumentsStayEmpty() => Assert.Empty(DlvxCommandLine.PassThroughAfterCommand([]));

    [Fact]
    public void TheCommandLineParsesEveryVerb()
    {
        var root = DlvxCommandLine.Build();
        var names = root.Subcommands.Select(c => c.Name).ToList();
        foreach (var verb in new[] { "exec", "debug", "attach", "core", "proxy", "dap", "run", "commands", "connect", "starlark", "demo" })
        {
            Assert.Contains(verb, names);
        }

        var parse = root.Parse(DlvxCommandLine.PassThroughAfterCommand(["run", "--addr", "127.0.0.1:9", "heap-stats", "-top", "5", "--json"]));
        Assert.Empty(parse.Errors);
    }

    [Theory]
    [InlineData("dap --listen=127.0.0.1:0 --log-dest=3")]
    [InlineData("dap -l 127.0.0.1:38697")]
    [InlineData("dap --listen=127.0.0.1:1 --log=true --log-output=dap,debugger --check-go-version=false --disable-aslr -r stdin:/dev/null --only-same-user=false")]
    [InlineData("dap --client-addr=:4711 --headless --accept-multiclient --api-version=2 --wd=. --build-flags=-race --init=x --allow-non-terminal-interactive")]
    [InlineData("dap --dlv=/usr/bin/dlv --plugins /p --no-bundled-plugins --backend=native")]
    public void DapTakesTheFlagsEditorsPassToDlvDap(string line)
    {
        var parse = DlvxCommandLine.Build().Parse(line.Split(' '));
        Assert.Empty(parse.Errors);
    }
}
