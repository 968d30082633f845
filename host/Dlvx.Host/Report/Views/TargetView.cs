using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dlvx.Host.Report.Views;

/// <summary>target-info: versions, process and where the target stopped.</summary>
internal sealed class TargetView : ISectionView
{
    public void Render(JsonElement data, StringBuilder html)
    {
        var location = data.Field("Location");
        var stop = location.ValueKind == JsonValueKind.Object
            ? $"{location.Text("Function")} {Path.GetFileName(location.Text("File"))}:{location.Int64("Line").ToString(CultureInfo.InvariantCulture)}"
            : "unknown";
        var pid = data.Int64("Pid");
        Html.Facts(html,
        [
            ("Go", data.Text("GoVersion")),
            ("Delve", $"{data.Text("DelveVersion")} (API v{data.Text("ApiVersion")}, {data.Text("Backend")})"),
            ("Process", pid > 0 ? pid.ToString(CultureInfo.InvariantCulture) : "none (core dump)"),
            ("Stopped at", stop),
            ("Goroutine", data.OptionalNumber("GoroutineId")),
            ("Goroutines", Html.Count(data.Int64("Goroutines"))),
        ]);
    }
}
