using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.FindLocation (FindLocationOut).</summary>
internal sealed class LocationsResult
{
    public IReadOnlyList<Location>? Locations { get; set; }
}
