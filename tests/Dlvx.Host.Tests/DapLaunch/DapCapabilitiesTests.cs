using System.Text.Json.Nodes;
using Dlvx.Host.DapLaunch;

namespace Dlvx.Host.Tests.DapLaunch;

public sealed class DapCapabilitiesTests
{
    [Fact]
    public void TheSameCapabilitiesAsTheBaselineChangeNothing() => Assert.Null(DapCapabilities.Changes(DapCapabilities.Baseline()));

    [Fact]
    public void ANewerDelvesExtraCapabilitiesAreTheChangesButRestartAndTerminateAreDlvxsToDecide()
    {
        // Delve 1.27.1's answer, in part.
        var delve = DapCapabilities.Baseline();
        delve["supportsReadMemoryRequest"] = true;
        delve["supportsRestartRequest"] = true;
        delve["exceptionBreakpointFilters"] = new JsonArray(new JsonObject { ["filter"] = "unrecovered-panic", ["label"] = "Unrecovered Panics", ["default"] = true });
        delve.Remove("supportsLogPoints");

        var changes = DapCapabilities.Changes(delve)!;
        Assert.True(changes["supportsReadMemoryRequest"]!.GetValue<bool>());
        Assert.Equal("unrecovered-panic", changes["exceptionBreakpointFilters"]![0]!["filter"]!.GetValue<string>());
        Assert.False(changes["supportsLogPoints"]!.GetValue<bool>());
        Assert.Null(changes["supportsRestartRequest"]);
        Assert.Equal(3, changes.Count);
    }

    [Fact]
    public void OnlyACapabilitiesEventAboutTerminatingIsDlvxsToDecide()
    {
        JsonObject Event(string name) => new() { ["event"] = "capabilities", ["body"] = new JsonObject { ["capabilities"] = new JsonObject { [name] = true } } };
        Assert.True(DapCapabilities.IsDecidedByDlvx(Event("supportTerminateDebuggee")));
        Assert.False(DapCapabilities.IsDecidedByDlvx(Event("supportsStepBack")));
    }
}
