using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary>
/// A wrong target is one clear line and a non-zero exit, before dlvx starts Delve or prints that
/// it listens; a package that does not build shows the compiler's message.
/// </summary>
public sealed class BadTargetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dlvx-bad-target-").FullName;

    public static TheoryData<string[], string> BadTargets => new()
    {
        { ["exec", "/nonexistent/prog"], "dlvx: /nonexistent/prog: no such file; expected a compiled Go program" },
        { ["exec", "/tmp"], "dlvx: /tmp is a folder; expected a compiled Go program" },
        { ["attach", "abc"], "dlvx: 'abc' is not a process id" },
        { ["attach", "2147483647"], "dlvx: no process with id 2147483647" },
        { ["core", "/nonexistent/prog", "/nonexistent/core"], "dlvx: /nonexistent/prog: no such file; expected the program that dumped core" },
    };

    [Theory]
    [MemberData(nameof(BadTargets))]
    public async Task AWrongTargetIsOneLineBeforeAnythingStarts(string[] arguments, string expected)
    {
        var result = await Cli.DlvxAsync([.. arguments, "--listen", "127.0.0.1:0", "--no-bundled-plugins"]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("listening at", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Delve API server", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APackageThatDoesNotBuildShowsTheCompilersMessage()
    {
        File.WriteAllText(Path.Combine(folder, "go.mod"), "module broken\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(folder, "main.go"), "package main\n\nfunc main() { undefinedThing() }\n");

        // Run in the package's folder, as `dlv debug` builds in the current module.
        var result = await Cli.RunAsync(TestPaths.Dlvx, ["debug", "--listen", "127.0.0.1:0", "--no-bundled-plugins"], null, Cli.DefaultTimeout, folder);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("dlvx: dlv exited before listening:", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("undefined: undefinedThing", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("listening at", result.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
