using System.Text.Json.Serialization;
using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Testing.Recording;

/// <summary>
/// An error Delve answered with, kept as the exception the client turned it into: its kind decides
/// which <see cref="DelveException"/> a replay throws, so a command's <c>catch</c> clauses take the
/// same path they took against the real Delve.
/// </summary>
/// <param name="Kind">
/// <c>Delve</c>, <c>SymbolNotFound</c>, <c>ProcessExited</c> or <c>TargetRunning</c>: the SDK's exception types.
/// </param>
/// <param name="Message">The exception's message.</param>
/// <param name="ExitStatus">The exit status, for <c>ProcessExited</c> when Delve reported one.</param>
internal sealed record RecordedError(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("exitStatus")] int? ExitStatus = null)
{
    /// <summary>
    /// The error to record for <paramref name="exception"/>, or null for a lost connection: that is
    /// not an answer of Delve's, and a replay has no connection to lose.
    /// </summary>
    public static RecordedError? From(DelveException exception) => exception switch
    {
        DelveConnectionException => null,
        SymbolNotFoundException => new RecordedError("SymbolNotFound", exception.Message),
        ProcessExitedException exited => new RecordedError("ProcessExited", exception.Message, exited.ExitStatus),
        TargetRunningException => new RecordedError("TargetRunning", exception.Message),
        _ => new RecordedError("Delve", exception.Message),
    };

    /// <summary>The exception the client threw when this was recorded.</summary>
    /// <param name="method">The request's method, for <see cref="DelveException.Method"/>.</param>
    public DelveException ToException(string method) => Kind switch
    {
        "SymbolNotFound" => new SymbolNotFoundException(Message) { Method = method },
        "ProcessExited" => new ProcessExitedException(Message) { Method = method, ExitStatus = ExitStatus },
        "TargetRunning" => new TargetRunningException(Message) { Method = method },
        _ => new DelveException(Message) { Method = method },
    };
}
