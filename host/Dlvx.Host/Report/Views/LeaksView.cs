using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dlvx.Host.Report.Views;

/// <summary>goroutine-leaks: the goroutines that can never run again, grouped by where they started, who created them and what they wait for.</summary>
internal sealed class LeaksView : ISectionView
{
    public void Render(JsonElement data, StringBuilder html)
    {
        var leaked = data.Items("Leaked").Count();
        var groups = data.Items("Groups").ToList();
        html.Append(CultureInfo.InvariantCulture, $"<p>{Html.Encode(Html.Count(leaked))} of {Html.Encode(Html.Count(data.Int64("Total")))} goroutines can never run again, in {groups.Count} groups.</p>");
        Html.Table(html, ["#goroutines", "started in", "created at", "waiting for"], groups.Select(g => (IReadOnlyList<string>)
        [
            Html.Count(g.Int64("Count")),
            Location(g.Field("Start"), withLine: false),
            Location(g.Field("CreatedBy"), withLine: true),
            g.Text("WaitReason"),
        ]));
    }

    private static string Location(JsonElement location, bool withLine) =>
        location.ValueKind != JsonValueKind.Object ? location.ToString()
        : withLine ? $"{location.Text("Function")} {Path.GetFileName(location.Text("File"))}:{location.Text("Line")}"
        : location.Text("Function");
}
