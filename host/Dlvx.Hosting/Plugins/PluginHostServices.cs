using Dlvx.Sdk.Delve;
using Microsoft.Extensions.Logging;

namespace Dlvx.Hosting.Plugins;

/// <summary>The host services every plugin's container starts from.</summary>
/// <param name="Delve">The plugins' own connection to the session's Delve.</param>
/// <param name="LoggerFactory">Where plugin logs go.</param>
public sealed record PluginHostServices(IDelveClient Delve, ILoggerFactory LoggerFactory);
