using System.Diagnostics;

namespace Dlvx.Plugins.GoroutineGraph.Tests;

/// <summary>
/// A fact that needs at least a given Go release on PATH (the one tests build with); skipped, with
/// the reason, under an older one. <c>./test.sh --matrix</c> runs every row, so each such test runs somewhere.
/// </summary>
internal sealed class GoReleaseFactAttribute : FactAttribute
{
    private static readonly Lazy<Version?> Installed = new(ReadInstalled);

    public GoReleaseFactAttribute(int major, int minor, string why)
    {
        if (Installed.Value is not { } installed)
        {
            Skip = "cannot tell which Go is installed (go env GOVERSION failed)";
        }
        else if (installed < new Version(major, minor))
        {
            Skip = $"needs Go {major}.{minor} or later ({why}); this is Go {installed.Major}.{installed.Minor}; ./test.sh --matrix runs it on its Go 1.26 row";
        }
    }

    private static Version? ReadInstalled()
    {
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DLVX_GO") is { Length: > 0 } go ? go : "go", "env GOVERSION") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["GOTOOLCHAIN"] = "local";
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();

            // go1.26.0, go1.19.8, go1.26rc1
            var digits = text.StartsWith("go", StringComparison.Ordinal) ? new string(text[2..].TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()) : "";
            var parts = digits.Split('.', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor) ? new Version(major, minor) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
