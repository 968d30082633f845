using System.Diagnostics;

namespace Dlvx.Bench;

/// <summary>One row of the supported-version matrix: a Go toolchain and the Delve that debugs it (scripts/toolchains.sh).</summary>
/// <param name="Name">The row, such as <c>go1.26</c>.</param>
/// <param name="Go">The go binary.</param>
/// <param name="Dlv">The dlv binary.</param>
internal sealed record ToolchainRow(string Name, string Go, string Dlv)
{
    /// <summary>"go1.26.10, Delve 1.27.1", asked of the binaries.</summary>
    public string Description { get; init; } = Name;

    /// <summary>The rows scripts/toolchains.sh has in its cache (it fetches nothing here), in its order, described by their binaries.</summary>
    public static async Task<IReadOnlyList<ToolchainRow>> ListAsync(string repoRoot, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var lines = await RunAsync(Path.Combine(repoRoot, "scripts", "toolchains.sh"), ["--list", .. names], cancellationToken);
        var rows = new List<ToolchainRow>();
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length == 3)
            {
                var go = (await RunAsync(fields[1], ["env", "GOVERSION"], cancellationToken)).Trim();
                var delve = (await RunAsync(fields[2], ["version"], cancellationToken)).Split('\n').FirstOrDefault(l => l.StartsWith("Version: ", StringComparison.Ordinal))?["Version: ".Length..].Trim() ?? "?";
                rows.Add(new ToolchainRow(fields[0], fields[1], fields[2]) { Description = $"{go}, Delve {delve}" });
            }
        }

        var missing = names.Except(rows.Select(r => r.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"toolchain rows not in the cache: {string.Join(", ", missing)}; fetch them with scripts/toolchains.sh {string.Join(' ', missing)}");
        }

        return rows;
    }

    /// <summary>Builds a Go package with this row's go, for debugging (optimisations and inlining off).</summary>
    public async Task BuildAsync(string packageDirectory, string output, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string> { ["GOTOOLCHAIN"] = "local", ["GOFLAGS"] = "-mod=mod", ["GOPROXY"] = "off" };
        await RunAsync(Go, ["build", "-gcflags=all=-N -l", "-o", output, "."], cancellationToken, packageDirectory, environment);
    }

    /// <summary>PATH with this row's go and dlv first, for the processes the bench starts.</summary>
    public string SearchPath => $"{Path.GetDirectoryName(Dlv)}:{Path.GetDirectoryName(Go)}:{Environment.GetEnvironmentVariable("PATH")}";

    private static async Task<string> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken, string? directory = null, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? "" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await stderr}");
    }
}
