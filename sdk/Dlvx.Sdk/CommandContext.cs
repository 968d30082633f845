namespace Dlvx.Sdk;

/// <summary>
/// What the host knows about one invocation of a command.
/// </summary>
public sealed class CommandContext
{
    /// <summary>Creates a context. Hosts and test kits call this; commands receive it.</summary>
    /// <param name="commandName">The command's canonical name.</param>
    /// <param name="arguments">The raw arguments after the command name.</param>
    /// <param name="client">Which client route invoked the command.</param>
    /// <param name="progress">Where progress reports go; may discard them.</param>
    public CommandContext(string commandName, IReadOnlyList<string> arguments, ClientKind client, IProgress<CommandProgress> progress)
    {
        CommandName = commandName;
        Arguments = arguments;
        Client = client;
        Progress = progress;
    }

    /// <summary>The command's canonical name, for example <c>heap-stats</c>.</summary>
    public string CommandName { get; }

    /// <summary>The raw arguments after the command name, before binding.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Which client route invoked the command.</summary>
    public ClientKind Client { get; }

    /// <summary>
    /// Reports progress on long work. The host forwards reports to clients that can show them
    /// (DAP output events, <c>dlvx run</c> on stderr) and throttles them, so report freely.
    /// </summary>
    public IProgress<CommandProgress> Progress { get; }
}
