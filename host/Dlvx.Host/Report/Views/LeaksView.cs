using System.Text;
using System.Text.Json;

namespace Dlvx.Host.Report.Views;

/// <summary>goroutine-leaks: leaked goroutines grouped by where they started and what they wait for.</summary>
internal sealed class LeaksView : ISectionView
{
    public void Render(JsonElement data, StringBuilder html)
    {
        var groups = data.Items("Groups").ToList();
        html.Append($"<p>{Html.Encode(Html.Count(data.Int64("Total")))} goroutines can never run again, in {groups.Count} groups.</p>");
        Html.Table(html, ["#goroutines", "started in", "waiting for"], groups.Select(g => (IReadOnlyList<string>)
        [
            Html.Count(g.Int64("Count")),
            g.Field("Start") is { ValueKind: JsonValueKind.Object } start ? start.Text("Function") : g.Text("Start"),
            g.Text("WaitReason"),
        ]));
    }
}
