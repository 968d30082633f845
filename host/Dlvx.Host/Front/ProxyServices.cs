using Dlvx.PluginRuntime.Commands;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Front;

/// <summary>What every proxy connection of the front port shares.</summary>
/// <param name="Invoker">Runs plugin commands.</param>
/// <param name="Options">Limits and settings.</param>
/// <param name="Statistics">Connection counts, which connections update and <c>Dlvx.Stats</c> reports.</param>
/// <param name="Logger">Where connection problems are logged.</param>
internal sealed record ProxyServices(CommandInvoker Invoker, ProxyOptions Options, ConnectionStatistics Statistics, ILogger Logger);
