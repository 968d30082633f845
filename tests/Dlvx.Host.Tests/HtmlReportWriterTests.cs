using System.Text.Json;
using Dlvx.Host.Report;

namespace Dlvx.Host.Tests;

/// <summary>The report page from sections of every outcome, without a target: escaping, fallbacks, self-containment.</summary>
public sealed class HtmlReportWriterTests
{
    private static readonly IReadOnlyList<PlannedSection> Plan = ReportPlan.Sections(5);

    [Fact]
    public void EachOutcomeIsShownAndTheSectionSaysWhich()
    {
        var html = Write(
            Section("target", SectionOutcome.Ok, "Go go1.19.8", """{"DelveVersion":"1.20.2","ApiVersion":2,"Backend":"native","GoVersion":"go1.19.8","Pid":42,"Exited":false,"GoroutineId":1,"Location":{"Function":"main.stop","File":"/x/main.go","Line":7},"BreakpointId":1,"Goroutines":3}"""),
            Section("scheduler", SectionOutcome.Failed, "target is running; halt it first"),
            Section("leaks", SectionOutcome.NotAvailable, "goroutine-leaks is not loaded in this dlvx"));

        Assert.Contains("<section id=\"target\" data-section=\"target\" data-outcome=\"ok\">", html, StringComparison.Ordinal);
        Assert.Contains("main.stop main.go:7", html, StringComparison.Ordinal);
        Assert.Contains("<title>dlvx report: process 42 (go1.19.8) stopped at main.stop</title>", html, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"failed\"><h2>Scheduler <code>sched-stats</code></h2><p class=\"error\">sched-stats failed: target is running; halt it first</p>", html, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"notavailable\"", html, StringComparison.Ordinal);
        Assert.Contains("Not available: goroutine-leaks is not loaded", html, StringComparison.Ordinal);
    }

    [Fact]
    public void DataOfAnotherShapeIsShownAsTheCommandsTextSayingWhy()
    {
        var html = Write(Section("memory", SectionOutcome.Ok, "91 regions from /proc/1/maps", """{"Source":"/proc/1/maps"}"""));

        Assert.Contains("Shown as text: its data could not be drawn (no field Regions).", html, StringComparison.Ordinal);
        Assert.Contains("<pre>91 regions from /proc/1/maps</pre>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFromTheTargetIsEscapedAndNothingIsFetchedOrRun()
    {
        var html = Write(Section("types", SectionOutcome.Ok, "<script>alert(1)</script>",
            """{"Objects":1,"Bytes":8,"Roots":1,"Types":[{"Type":"main.T<\u0022><img src=x>","Objects":1,"Bytes":8}]}"""));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("main.T&lt;&quot;&gt;&lt;img src=x&gt;", html, StringComparison.Ordinal);
        Assert.Contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void LeakedGoroutinesAreGroupedAsGoroutineLeaksReportsThem()
    {
        // goroutine-leaks' --json shape (plugins/goroutine-graph/Leaks/GoroutineLeaksData.cs).
        var html = Write(Section("leaks", SectionOutcome.Ok, "2 leaked", """
            {"Total":12,
             "Leaked":[{"Id":7,"Start":{"Function":"main.worker","File":"/src/main.go","Line":20},"CreatedBy":{"Function":"main.main","File":"/src/main.go","Line":40},"WaitReason":"chan send","BlockedOn":{"Kind":"chan","Addr":"0xc000010000","Type":"chan int","Cases":1}},
                       {"Id":8,"Start":{"Function":"main.worker","File":"/src/main.go","Line":20},"CreatedBy":{"Function":"main.main","File":"/src/main.go","Line":40},"WaitReason":"chan send","BlockedOn":null}],
             "Groups":[{"Start":{"Function":"main.worker","File":"/src/main.go","Line":20},"CreatedBy":{"Function":"main.main","File":"/src/main.go","Line":40},"WaitReason":"chan send","Count":2,"Goroutines":[7,8],"Stack":[]}]}
            """));

        Assert.Contains("2 of 12 goroutines can never run again, in 1 groups.", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">2</td><td>main.worker</td><td>main.main main.go:40</td><td>chan send</td>", html, StringComparison.Ordinal);
    }

    private static string Write(params ReportSection[] sections) =>
        HtmlReportWriter.Write(new ReportDocument("127.0.0.1:4040", DateTimeOffset.UnixEpoch, "0.1.0", sections));

    private static ReportSection Section(string id, SectionOutcome outcome, string text, string? data = null) =>
        new(Plan.Single(p => p.Id == id), outcome, text, data is null ? null : JsonDocument.Parse(data).RootElement.Clone());
}
