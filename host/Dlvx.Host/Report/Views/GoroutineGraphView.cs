using System.Globalization;
using System.Text;
using System.Text.Json;
using Dlvx.Host.Report.Svg;

namespace Dlvx.Host.Report.Views;

/// <summary>goroutine-graph: its diagram, the groups table and the findings.</summary>
internal sealed class GoroutineGraphView : ISectionView
{
    private const int MaxGroupsDrawn = 12;

    public void Render(JsonElement data, StringBuilder html)
    {
        var groups = data.Items("Groups").ToList();
        html.Append(CultureInfo.InvariantCulture, $"<p>{Html.Count(data.Int64("Total"))} goroutines in {groups.Count} groups.</p>");
        html.Append("<div class=\"scroll\">");
        var (groupsLeft, objectsLeft) = SvgGoroutineDiagram.Render(html, data, MaxGroupsDrawn);
        html.Append("</div>");
        var left = new List<string>();
        if (groupsLeft > 0)
        {
            left.Add($"{groupsLeft} smaller groups (they are in the table)");
        }

        if (objectsLeft > 0)
        {
            left.Add($"{objectsLeft} more objects waited on");
        }

        if (left.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Not drawn: {Html.Encode(string.Join(", ", left))}.</p>");
        }

        Html.Table(html, ["#goroutines", "group", "waiting on"], groups.Select(g => (IReadOnlyList<string>)
        [
            Html.Count(g.Int64("Count")),
            g.Text("Key"),
            string.Join(", ", g.Field("WaitReasons").EnumerateObject().OrderByDescending(r => r.Value.GetInt32()).Select(r => $"{r.Name} ×{r.Value.GetInt32()}")),
        ]));

        var findings = data.Items("Findings").ToList();
        if (findings.Count > 0)
        {
            html.Append("<h3>Hints</h3><ul class=\"findings\">");
            foreach (var finding in findings)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><strong>{Html.Encode(finding.Text("Kind"))}</strong> {Html.Encode(finding.Text("Message"))}</li>");
            }

            html.Append("</ul>");
        }
    }
}
