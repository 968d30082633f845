using System.ComponentModel;
using System.Diagnostics;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// A <c>noDebug</c> launch: the program runs as it is, without Delve, and its output goes to the
/// editor as output events, as <c>dlv dap</c> runs it.
/// </summary>
internal sealed class NoDebugProgram : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NoDebugProgram(Process process) => this.process = process;

    /// <summary>The program's process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>Completes with the exit code once the program has exited and its output has been read.</summary>
    public Task<int> Exited => exited.Task;

    /// <summary>Starts the program.</summary>
    /// <exception cref="LaunchRefusedException">It cannot be started.</exception>
    public static NoDebugProgram Start(LaunchPlan plan, string workingDirectory, OutputEventQueue output)
    {
        var start = new ProcessStartInfo(plan.DelveTargets[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in plan.ProgramArguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in plan.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var program = new NoDebugProgram(process);
        process.OutputDataReceived += (_, e) => Forward(e.Data, "stdout", output);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, "stderr", output);
        process.Exited += (_, _) =>
        {
            process.WaitForExit();
            program.exited.TrySetResult(process.ExitCode);
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new LaunchRefusedException($"cannot run {start.FileName}: {e.Message}", e);
        }

        // Like dlv dap's own no-debug run, the program gets no input from the editor.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return program;
    }

    /// <summary>Kills the program (its own pid only, as dlv dap does) unless it has exited, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!exited.Task.IsCompleted)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await exited.Task.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(static _ => { }, TaskScheduler.Default);
        process.Dispose();
    }

    private static void Forward(string? line, string category, OutputEventQueue output)
    {
        if (line is not null)
        {
            output.Add(line, category);
        }
    }
}
