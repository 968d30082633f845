using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Dlvx.Host.Report;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.Cli;

/// <summary><c>dlvx report</c>: one self-contained HTML page about the stopped target of a running dlvx.</summary>
internal static class ReportCommand
{
    public const string DefaultFile = "dlvx-report.html";

    public static Command Create()
    {
        var command = new Command(
            "report",
            "Write one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched; printable) about the stopped target of a running dlvx: "
            + "target-info, heap-stats, live objects by type, goroutine-graph, memory-map, sched-stats, and leaked goroutines and top retainers where those commands are loaded");
        var output = new Option<string>("--output", "-o") { Description = "The HTML file to write", DefaultValueFactory = _ => DefaultFile, HelpName = "FILE" };
        var address = ClientCommands.AddressOption();
        var top = new Option<int>("--top") { Description = "Rows in the lists that are cut: types by bytes, top retainers", DefaultValueFactory = _ => 15, HelpName = "N" };
        command.Options.Add(output);
        command.Options.Add(address);
        command.Options.Add(top);
        command.SetAction(async (result, cancellationToken) =>
        {
            var rows = result.GetValue(top);
            if (rows < 1)
            {
                Console.Error.WriteLine("dlvx report: --top must be 1 or more");
                return 2;
            }

            var (code, path) = await WriteAsync(DelveEndpoint.Parse(result.GetValue(address)!), result.GetValue(output)!, rows, Console.Error, cancellationToken);
            if (path is not null)
            {
                Console.Out.WriteLine(path);
            }

            return code;
        });
        return command;
    }

    /// <summary>Gathers the sections from the dlvx at <paramref name="address"/> and writes the page, saying what it does on <paramref name="log"/>.</summary>
    /// <returns>The exit code (0: every section that could run ran; 1: some failed; 2: nothing written), and the page's full path when written.</returns>
    public static async Task<(int Code, string? Path)> WriteAsync(DelveEndpoint address, string file, int top, TextWriter log, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(file);
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            await log.WriteLineAsync($"dlvx report: cannot write {path}: the folder {folder} does not exist");
            return (2, null);
        }

        // A bar for the plugins' own progress (heap walks) when standard error is a terminal; a line per section always.
        var bar = ReferenceEquals(log, Console.Error) ? TerminalProgressBar.ForStandardError() : null;
        await using var dlvx = new DlvxRemote(address, bar);
        IReadOnlyList<ReportSection> sections;
        try
        {
            sections = await new ReportCollector(dlvx).CollectAsync(ReportPlan.Sections(top), (number, total, section) =>
            {
                bar?.Clear();
                log.WriteLine($"dlvx report: [{number}/{total}] {section.CommandLine}");
            }, cancellationToken);
        }
        catch (Sdk.Delve.DelveConnectionException e)
        {
            bar?.Clear();
            await log.WriteLineAsync(ClientCommands.NotReachable("report", address.ToString(), e));
            return (2, null);
        }
        catch (Sdk.Delve.DelveException e)
        {
            bar?.Clear();
            await log.WriteLineAsync($"dlvx report: {e.Message}");
            return (2, null);
        }

        bar?.Clear();
        var failed = sections.Where(s => s.Outcome == SectionOutcome.Failed).ToList();
        var ran = sections.Count(s => s.Outcome != SectionOutcome.NotAvailable);

        // Nothing answered (the target is running, say): one line, no page of errors.
        if (ran > 0 && failed.Count == ran && failed.Select(s => s.Text).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            await log.WriteLineAsync($"dlvx report: {failed[0].Text}");
            return (2, null);
        }

        var version = typeof(ReportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
        var html = HtmlReportWriter.Write(new ReportDocument(address.ToString(), DateTimeOffset.UtcNow, version, sections));
        await File.WriteAllTextAsync(path, html, cancellationToken);
        foreach (var section in failed)
        {
            await log.WriteLineAsync($"dlvx report: {section.Plan.CommandLine} failed: {section.Text}");
        }

        var missing = sections.Where(s => s.Outcome == SectionOutcome.NotAvailable).Select(s => s.Plan.CommandName).ToList();
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"dlvx report: wrote {path}: {sections.Count(s => s.Outcome == SectionOutcome.Ok)} sections shown, {failed.Count} failed, {missing.Count} not available{(missing.Count > 0 ? $" ({string.Join(", ", missing)} not loaded)" : "")}"));
        return (failed.Count > 0 ? 1 : 0, path);
    }
}
