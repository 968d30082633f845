using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.Cli;

/// <summary>
/// <c>dlvx doctor</c>: dlvx's, Delve's and Go's versions, where each was found, and whether the Delve
/// debugs what the Go builds (and, given a binary, what built it).
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Show dlvx's, Delve's and Go's versions, where each was found, and whether they work together");
        var dlv = new Option<string>("--dlv") { Description = "The dlv to check (default: $DLVX_DLV, else dlv on PATH)", HelpName = "PATH" };
        var binary = new Argument<string?>("program") { Description = "A Go program to check against the Delve (its build information says which Go built it)", Arity = ArgumentArity.ZeroOrOne };
        command.Options.Add(dlv);
        command.Arguments.Add(binary);
        command.SetAction(async (result, cancellationToken) =>
        {
            var dlvPath = result.GetValue(dlv) is { Length: > 0 } given ? given
                : Environment.GetEnvironmentVariable("DLVX_DLV") is { Length: > 0 } variable ? variable : "dlv";
            return await RunAsync(dlvPath, result.GetValue(binary), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string dlvPath, string? program, CancellationToken cancellationToken)
    {
        var version = typeof(DoctorCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
        Console.Out.WriteLine($"dlvx    {version} (.NET {Environment.Version}) at {AppContext.BaseDirectory}");

        var delve = await DelveTool.InspectAsync(dlvPath, cancellationToken);
        var line = delve.Version is null ? null : DelveRelease.Of(delve.Version);
        Console.Out.WriteLine(delve.Problem is not null
            ? $"delve   not usable: {delve.Problem}"
            : $"delve   {delve.Version} at {delve.Path} ({Source(dlvPath)}); debugs {(line is null ? "what it says it does (newer than dlvx knows)" : $"Go 1.{line.MinGo} to 1.{line.MaxGo}")}");

        var goName = Environment.GetEnvironmentVariable("DLVX_GO") is { Length: > 0 } customGo ? customGo : "go";
        var goPath = DelveTool.Resolve(goName);
        var goVersion = goPath is null ? null : await GoVersionAsync(goPath, cancellationToken);
        Console.Out.WriteLine(goVersion is null
            ? $"go      not found ('{goName}'): dlvx debug and the demo need it to build Go programs"
            : $"go      {goVersion} at {goPath} ({(goName == "go" ? "PATH" : "DLVX_GO")})");

        var problems = 0;
        if (delve.Problem is not null)
        {
            problems++;
        }
        else if (GoVersionCheck.Problem(delve, goVersion) is { } toolchainProblem)
        {
            problems++;
            Console.Out.WriteLine($"MISMATCH programs this go builds: {toolchainProblem}");
        }
        else if (goVersion is not null)
        {
            Console.Out.WriteLine($"ok      this Delve debugs what this go builds ({goVersion})");
        }

        if (program is not null)
        {
            var built = GoBuildInfo.ReadGoVersion(program);
            if (built is null)
            {
                Console.Out.WriteLine($"program {program}: no Go build information (not a Go program, or built before Go 1.18)");
                problems++;
            }
            else if (GoVersionCheck.Problem(delve, built) is { } programProblem)
            {
                Console.Out.WriteLine($"MISMATCH {program}: {programProblem}");
                problems++;
            }
            else
            {
                Console.Out.WriteLine($"ok      {program} was built by {built}, which this Delve debugs");
            }
        }

        return problems == 0 ? 0 : 1;
    }

    private static string Source(string dlvPath) =>
        dlvPath.Contains('/', StringComparison.Ordinal) ? Environment.GetEnvironmentVariable("DLVX_DLV") == dlvPath ? "DLVX_DLV" : "--dlv" : "PATH";

    private static async Task<string?> GoVersionAsync(string go, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(go, "env GOVERSION") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var output = (await process.StandardOutput.ReadToEndAsync(cancellationToken)).Trim();
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
