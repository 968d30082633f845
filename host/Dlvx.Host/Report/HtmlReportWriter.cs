using System.Globalization;
using System.Text;

namespace Dlvx.Host.Report;

/// <summary>
/// Writes the report as one self-contained HTML page: inline CSS and SVG, no script, and a
/// Content-Security-Policy that forbids every fetch, so the page reads the same offline, archived or
/// mailed. Each section shows its command's data drawn; where that cannot be drawn (a plugin of
/// another shape) it shows the command's text; a failed or missing command shows why.
/// </summary>
internal static class HtmlReportWriter
{
    public static string Write(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var target = report.Sections.FirstOrDefault(s => s.Plan.Id == "target" && s.Outcome == SectionOutcome.Ok && s.Data is not null);
        var summary = target is null ? "" : TargetSummary(target);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<meta name=\"generator\" content=\"dlvx {Html.Encode(report.DlvxVersion)}\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>dlvx report{(summary.Length > 0 ? ": " + Html.Encode(summary) : "")}</title>\n<style>\n{ReportStyle.Css}\n</style>\n</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<header><h1>The Go runtime at a glance</h1><p>{Html.Encode(summary)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Written by <code>dlvx report</code> from the dlvx at {Html.Encode(report.Address)} on {report.Generated.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}: every figure was read from the stopped target.</p>");
        html.Append("<nav><ol>");
        foreach (var section in report.Sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"{section.Outcome.ToString().ToLowerInvariant()}\"><a href=\"#{section.Plan.Id}\">{Html.Encode(section.Plan.Title)}</a></li>");
        }

        html.Append("</ol></nav></header>\n<main>\n");
        foreach (var section in report.Sections)
        {
            WriteSection(html, section);
        }

        html.Append(CultureInfo.InvariantCulture, $"</main>\n<footer>dlvx {Html.Encode(report.DlvxVersion)}. Sections: {string.Join(", ", report.Sections.Select(s => $"{s.Plan.Title} ({Describe(s.Outcome)})"))}.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteSection(StringBuilder html, ReportSection section)
    {
        var outcome = section.Outcome.ToString().ToLowerInvariant();
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{section.Plan.Id}\" data-section=\"{section.Plan.Id}\" data-outcome=\"{outcome}\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Html.Encode(section.Plan.Title)} <code>{Html.Encode(section.Plan.CommandLine)}</code></h2>");
        switch (section.Outcome)
        {
            case SectionOutcome.NotAvailable:
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Not available: {Html.Encode(section.Text)}</p>");
                break;
            case SectionOutcome.Failed:
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"error\">{Html.Encode(section.Plan.CommandName)} failed: {Html.Encode(section.Text)}</p>");
                break;
            default:
                WriteBody(html, section);
                break;
        }

        html.Append("</section>\n");
    }

    private static void WriteBody(StringBuilder html, ReportSection section)
    {
        var body = new StringBuilder();
        string? problem = null;
        if (section.Data is { } data)
        {
            try
            {
                section.Plan.View.Render(data, body);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                problem = e.Message;
            }
        }
        else
        {
            problem = "the command returned no data";
        }

        if (problem is null)
        {
            html.Append(body);
            html.Append(CultureInfo.InvariantCulture, $"<details class=\"output\"><summary>Text output</summary><pre>{Html.Encode(section.Text)}</pre></details>");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Shown as text: its data could not be drawn ({Html.Encode(problem)}).</p><pre>{Html.Encode(section.Text)}</pre>");
        }
    }

    private static string TargetSummary(ReportSection target)
    {
        var data = target.Data!.Value;
        try
        {
            var location = data.Field("Location");
            var at = location.ValueKind == System.Text.Json.JsonValueKind.Object ? $" stopped at {location.Text("Function")}" : "";
            var process = data.Int64("Pid") > 0 ? $"process {data.Int64("Pid").ToString(CultureInfo.InvariantCulture)}" : "a core dump";
            return $"{process} ({data.Text("GoVersion")}){at}";
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            return "";
        }
    }

    private static string Describe(SectionOutcome outcome) => outcome switch
    {
        SectionOutcome.Ok => "shown",
        SectionOutcome.Failed => "failed",
        _ => "not available",
    };
}
