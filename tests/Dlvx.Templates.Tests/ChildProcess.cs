using System.Diagnostics;
using System.Text;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.Templates.Tests;

/// <summary>
/// A process a test started, with stdout and stderr collected. Stopping it sends SIGTERM to its own
/// pid, then kills its tree (by that pid) if it has not exited in time; nothing is killed by name.
/// Each one gets its own empty <c>DLVX_HOME</c> (deleted when it is disposed) unless the test gives one,
/// so plugins installed in the developer's <c>~/.dlvx</c> never reach a test.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder standardOutput = new();

    private readonly string? ownHome;

    private ChildProcess(Process process, string? ownHome)
    {
        this.process = process;
        this.ownHome = ownHome;
    }

    public int Pid => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Stdout alone (<see cref="Output"/> interleaves stderr), for output a test parses.</summary>
    public string StandardOutput
    {
        get
        {
            lock (output)
            {
                return standardOutput.ToString();
            }
        }
    }

    /// <summary>Starts a process; <paramref name="standardInput"/> is written to its stdin, which is then closed.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit the test host's MSBuild state, or dotnet builds inside it misbehave.
        foreach (var key in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        string? ownHome = null;
        if (environment is null || !environment.ContainsKey("DLVX_HOME"))
        {
            ownHome = Directory.CreateTempSubdirectory("dlvx-test-home-").FullName;
            start.Environment["DLVX_HOME"] = ownHome;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, ownHome);
        process.OutputDataReceived += (_, e) => child.Append(e.Data, fromStandardOutput: true);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data, fromStandardOutput: false);
        process.Start();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a process to completion, stopping it (by its pid) if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null)
    {
        await using var child = Start(fileName, arguments, workingDirectory, environment, standardInput);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await child.process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout}:\n{child.Output}");
        }

        // WaitForExitAsync returns after the output streams close, so Output is complete here.
        return new ProcessResult(child.process.ExitCode, child.Output) { StandardOutput = child.StandardOutput };
    }

    /// <summary>Waits until a line of output satisfies <paramref name="match"/>, or the process exits, or the timeout.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            if (process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"process {Pid} exited with {process.ExitCode} before printing the expected line:\n{Output}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"process {Pid} did not print the expected line in {timeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first, so dlvx stops Delve and the target itself.
            _ = NativeSignals.Terminate(process.Id);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        process.Dispose();
        if (ownHome is not null)
        {
            try
            {
                Directory.Delete(ownHome, recursive: true);
            }
            catch (IOException)
            {
                // A leftover empty temp folder is harmless; failing the test for it would hide its result.
            }
        }
    }

    private void Append(string? line, bool fromStandardOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (fromStandardOutput)
            {
                standardOutput.AppendLine(line);
            }
        }
    }
}
