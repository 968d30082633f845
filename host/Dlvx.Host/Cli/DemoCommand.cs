using System.CommandLine;

namespace Dlvx.Host.Cli;

/// <summary><c>dlvx demo</c>: the whole path on a bundled Go program.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Build a bundled leaky Go program, serve it under dlvx, and run every plugin command through real clients");
        var keep = new Option<bool>("--keep") { Description = "Leave the session running and print how to attach the dlv terminal and VS Code" };
        command.Options.Add(keep);
        command.SetAction((result, cancellationToken) => Task.FromResult(1));
        return command;
    }
}
