using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Logging;

/// <summary>One category's logger for <see cref="StandardErrorLoggerProvider"/>.</summary>
/// <param name="category">The category.</param>
/// <param name="minimumLevel">The least important level written.</param>
/// <param name="output">Where lines go; standard error when null.</param>
internal sealed class StandardErrorLogger(string category, LogLevel minimumLevel, TextWriter? output = null) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var level = logLevel switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warning",
            LogLevel.Error => "error",
            _ => "critical",
        };
        var line = $"dlvx: {level}: {category}: {formatter(state, exception)}";
        if (exception is not null && logLevel >= LogLevel.Error)
        {
            line += Environment.NewLine + exception;
        }

        // One write per line so that lines from different threads never interleave.
        (output ?? Console.Error).WriteLine(line);
    }
}
