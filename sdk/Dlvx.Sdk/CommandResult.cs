namespace Dlvx.Sdk;

/// <summary>
/// What a command returns: text for people and, optionally, structured data for programs.
/// </summary>
/// <remarks>
/// <see cref="Data"/> may be any object that <c>System.Text.Json</c> can serialise. It is what
/// <c>--json</c> prints and what the <c>Dlvx.Run</c> JSON-RPC method returns as <c>Data</c>.
/// </remarks>
public sealed class CommandResult
{
    private CommandResult(string text, object? data)
    {
        Text = text;
        Data = data;
    }

    /// <summary>Human-readable output.</summary>
    public string Text { get; }

    /// <summary>Structured output, or <see langword="null"/>.</summary>
    public object? Data { get; }

    /// <summary>Creates a result.</summary>
    /// <param name="text">Human-readable output.</param>
    /// <param name="data">Optional JSON-serialisable data.</param>
    public static CommandResult Create(string text, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new CommandResult(text, data);
    }
}
