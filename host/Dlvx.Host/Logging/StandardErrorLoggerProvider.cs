using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Logging;

/// <summary>
/// Writes log lines to standard error as <c>dlvx: level: category: message</c>, or to the writer
/// given (<c>dlvx dap --log-dest</c>).
/// </summary>
/// <remarks>
/// Microsoft.Extensions.Logging.Console costs about 50 ms of JIT at start-up (a fifth of the time
/// until dlvx listens) for formatting features a command-line tool does not use.
/// </remarks>
internal sealed class StandardErrorLoggerProvider(LogLevel minimumLevel, TextWriter? output = null) : ILoggerProvider
{
    /// <summary>A logger factory with only this provider, without the dependency-injection builder.</summary>
    public static ILoggerFactory CreateFactory(LogLevel minimumLevel, TextWriter? output = null) =>
        new LoggerFactory([new StandardErrorLoggerProvider(minimumLevel, output)], new LoggerFilterOptions { MinLevel = minimumLevel });

    public ILogger CreateLogger(string categoryName) => new StandardErrorLogger(categoryName, minimumLevel, output);

    public void Dispose()
    {
    }
}
