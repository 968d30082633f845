using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Logging;

/// <summary>
/// Writes log lines to standard error as <c>dlvx: level: category: message</c>.
/// </summary>
/// <remarks>
/// Microsoft.Extensions.Logging.Console costs about 50 ms of JIT at start-up (a fifth of the time
/// until dlvx listens) for formatting features a command-line tool does not use.
/// </remarks>
internal sealed class StandardErrorLoggerProvider(LogLevel minimumLevel) : ILoggerProvider
{
    /// <summary>A logger factory with only this provider, without the dependency-injection builder.</summary>
    public static ILoggerFactory CreateFactory(LogLevel minimumLevel) =>
        new LoggerFactory([new StandardErrorLoggerProvider(minimumLevel)], new LoggerFilterOptions { MinLevel = minimumLevel });

    public ILogger CreateLogger(string categoryName) => new StandardErrorLogger(categoryName, minimumLevel);

    public void Dispose()
    {
    }
}
