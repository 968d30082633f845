using Dlvx.PluginRuntime.Delve;
using Dlvx.PluginRuntime.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dlvx.Host.Tests;

/// <summary>Host services for loading plugins without a Delve: the client connects only on first use, to a closed port.</summary>
internal static class PluginTestHost
{
    public static DelveClient UnusedDelve() => new(new DelveEndpoint("127.0.0.1", 1));

    public static PluginHostServices Services(DelveClient delve) => new(delve, NullLoggerFactory.Instance);
}
