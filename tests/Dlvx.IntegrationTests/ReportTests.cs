using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests;

/// <summary>
/// <c>dlvx report</c> against a running dlvx on the demo's program, and the page it writes opened in a
/// real headless Chromium: every section rendered (its text in the DOM, its SVG's nodes laid out with a
/// size), nothing fetched from anywhere, printable. The screenshot, the page and its PDF are kept in
/// artifacts/test-results/report/.
/// </summary>
public sealed class ReportTests(ITestOutputHelper output) : IDisposable
{
    private const int PageWidth = 1280;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly string folder = Directory.CreateTempSubdirectory("dlvx-report-").FullName;

    // Collected in the page: per section its outcome, text and how many of each drawn element are visible with a laid-out size.
    private const string Inspect = """
        (() => {
          const laidOut = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && el.checkVisibility(); };
          const count = (root, selector) => [...root.querySelectorAll(selector)].filter(laidOut).length;
          return JSON.stringify({
            title: document.title,
            scripts: document.scripts.length,
            sections: [...document.querySelectorAll('section[data-section]')].map(s => ({
              id: s.dataset.section,
              outcome: s.dataset.outcome,
              text: s.innerText,
              svgs: count(s, 'svg'),
              bars: count(s, 'svg.chart g.bar rect'),
              groups: count(s, 'svg.diagram g.node.group'),
              nodes: count(s, 'svg.diagram g.node'),
              edges: s.querySelectorAll('svg.diagram path.edge').length,
              segments: s.querySelectorAll('svg.strip rect.segment').length,
              rows: count(s, 'table tbody tr'),
              regionRows: s.querySelectorAll('table.regions tbody tr').length,
              regionRowsShown: count(s, 'table.regions tbody tr'),
            })),
          });
        })()
        """;

    [ChromiumFact]
    public async Task The_report_renders_every_section_in_a_headless_browser_offline_and_prints()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.DemoProgram);
        await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["exec", binary, "--listen", "127.0.0.1:0"], environment: new Dictionary<string, string> { ["DLVX_PLUGINS"] = TestPaths.StagedPlugins });
        var address = await dlvx.WaitForDlvxAddressAsync(Patience);
        List<string> loaded;
        using (var client = await JsonRpcTestClient.ConnectAsync(address))
        {
            (await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.checkpoint", ["Cond"] = "round == 3" } })).Result();
            (await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, Patience)).Result();
            loaded = (await client.CallAsync(DlvxMethods.ListCommands, new ListCommandsRequest(), Patience)).Result<ListCommandsResponse>().Commands.Select(c => c.Name).ToList();
        }

        var page = Path.Combine(folder, "report.html");
        var run = await Cli.RunAsync(TestPaths.Dlvx, ["report", "--addr", address.ToString(), "-o", page], null, Patience);
        output.WriteLine(run.StandardError);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(page, run.StandardOutput.Trim());
        Assert.Matches(@"(?m)^dlvx report: \[1/\d\] target-info$", run.StandardError);
        Assert.Matches(@"(?m)^dlvx report: \[\d/\d\] heap-stats --by-type -top 15$", run.StandardError);

        // Self-contained: no script, nothing that names a place on a network, and a policy that forbids fetching anyway.
        var html = await File.ReadAllTextAsync(page);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(?i)(https?:|ftp:|//[a-z0-9.-]+/|src=|@import|url\\((?!#))", html);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);

        await using var browser = await HeadlessChromium.StartAsync();
        var url = new Uri(page).AbsoluteUri;
        await browser.OpenAsync(url, PageWidth);
        using var inspected = JsonDocument.Parse(await browser.EvaluateAsync(Inspect));
        var sections = inspected.RootElement.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s);
        var kept = Path.Combine(TestPaths.TestResults, "report");
        Directory.CreateDirectory(kept);
        await File.WriteAllBytesAsync(Path.Combine(kept, "report.png"), await browser.ScreenshotAsync(PageWidth));
        await File.WriteAllBytesAsync(Path.Combine(kept, "report-top.png"), await browser.ScreenshotAsync(PageWidth, maxHeight: 2300));
        var runtimeViews = (await browser.EvaluateAsync("JSON.stringify([document.getElementById('memory').offsetTop, document.getElementById('leaks').offsetTop])")).Trim('[', ']').Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await File.WriteAllBytesAsync(Path.Combine(kept, "report-runtime.png"), await browser.ScreenshotAsync(PageWidth, top: runtimeViews[0], maxHeight: runtimeViews[1] - runtimeViews[0]));
        var pdf = await browser.PrintAsync();
        await browser.EmulateMediaAsync("print");
        using var printed = JsonDocument.Parse(await browser.EvaluateAsync(Inspect));
        var printedMemory = printed.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "memory");
        await File.WriteAllBytesAsync(Path.Combine(kept, "report.pdf"), pdf);
        File.Copy(page, Path.Combine(kept, "report.html"), overwrite: true);
        output.WriteLine($"screenshot, page and PDF kept in {kept}");

        Assert.Equal(0, inspected.RootElement.GetProperty("scripts").GetInt32());
        Assert.All(browser.RequestedUrls, requested => Assert.StartsWith("file://", requested, StringComparison.Ordinal));
        Assert.StartsWith("dlvx report: process ", inspected.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);

        foreach (var id in new[] { "target", "heap", "types", "goroutines", "memory", "scheduler", "retainers" })
        {
            Assert.True(sections.TryGetValue(id, out var section), $"no section {id}");
            Assert.True(section.GetProperty("outcome").GetString() == "ok", $"{id}: {section.GetProperty("text").GetString()}");
        }

        Assert.Contains("go1.", Text(sections["target"]), StringComparison.Ordinal);
        Assert.Contains("main.checkpoint", Text(sections["target"]), StringComparison.Ordinal);
        Assert.Contains("HeapAlloc", Text(sections["heap"]), StringComparison.Ordinal);
        Assert.True(Count(sections["heap"], "segments") >= 9, "Sys drawn as a strip of its parts");

        Assert.Equal(15, Count(sections["types"], "bars"));
        Assert.Contains("main.Session", Text(sections["types"]), StringComparison.Ordinal);

        // The demo parks goroutines in main.handle.func1 on channels nobody reads: their group, its creator and the channels are drawn.
        Assert.True(Count(sections["goroutines"], "groups") >= 3, Text(sections["goroutines"]));
        Assert.True(Count(sections["goroutines"], "nodes") > Count(sections["goroutines"], "groups"));
        Assert.True(Count(sections["goroutines"], "edges") >= Count(sections["goroutines"], "groups"));
        Assert.Contains("main.handle.func1", Text(sections["goroutines"]), StringComparison.Ordinal);
        Assert.True(Count(sections["goroutines"], "rows") >= Count(sections["goroutines"], "groups"));

        Assert.True(Count(sections["memory"], "segments") > 10, "the memory map drawn as a strip of regions");
        Assert.Matches(@"heap in arenas\s+\S+ \S+\s+HeapSys \S+ \S+\s+equal", Text(sections["memory"]));
        // The long list of regions is folded on screen and laid out in full for print.
        Assert.True(Count(sections["memory"], "regionRows") > 10, "the regions listed");
        Assert.Equal(0, Count(sections["memory"], "regionRowsShown"));
        Assert.Equal(Count(sections["memory"], "regionRows"), Count(printedMemory, "regionRowsShown"));

        Assert.Contains("SCHED gomaxprocs=", Text(sections["scheduler"]), StringComparison.Ordinal);
        Assert.True(Count(sections["scheduler"], "bars") >= 2, "goroutines by status drawn as bars");

        Assert.True(Count(sections["retainers"], "bars") >= 1 && Count(sections["retainers"], "rows") >= 1);

        // The leak detector is another plugin: its section says whether it ran.
        Assert.Equal(loaded.Contains("goroutine-leaks") ? "ok" : "notavailable", sections["leaks"].GetProperty("outcome").GetString());

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.True(Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count >= 2, "the report prints on several pages");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Text(JsonElement section) => section.GetProperty("text").GetString()!;

    private static int Count(JsonElement section, string what) => section.GetProperty(what).GetInt32();
}
