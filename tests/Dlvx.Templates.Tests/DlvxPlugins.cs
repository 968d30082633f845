using System.CommandLine;
using Dlvx.Host.Cli;

namespace Dlvx.Templates.Tests;

/// <summary>
/// Runs <c>dlvx plugins ...</c> in this process through <see cref="PluginsCommand.Create"/> with
/// <c>DLVX_HOME</c> pointing at <paramref name="home"/>, capturing what it prints.
/// </summary>
internal static class DlvxPlugins
{
    private static readonly SemaphoreSlim Console1 = new(1, 1);

    public static async Task<ProcessResult> RunAsync(string home, params string[] arguments)
    {
        await Console1.WaitAsync();
        var previousHome = Environment.GetEnvironmentVariable("DLVX_HOME");
        var previousOut = Console.Out;
        var previousError = Console.Error;
        using var output = new StringWriter();
        try
        {
            Environment.SetEnvironmentVariable("DLVX_HOME", home);
            Console.SetOut(output);
            Console.SetError(output);
            var root = new RootCommand();
            root.Subcommands.Add(PluginsCommand.Create());
            var exit = await root.Parse(["plugins", .. arguments]).InvokeAsync();
            return new ProcessResult(exit, output.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
            Environment.SetEnvironmentVariable("DLVX_HOME", previousHome);
            Console1.Release();
        }
    }
}
