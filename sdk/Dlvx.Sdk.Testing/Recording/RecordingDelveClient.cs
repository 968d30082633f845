using System.Collections.Concurrent;
using System.Text.Json;
using Dlvx.PluginRuntime.Delve;
using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Testing.Recording;

/// <summary>
/// Passes every request on to a real session's client and keeps it with Delve's answer. The typed
/// methods come from <see cref="DelveApiClient"/>, so they reach <see cref="CallAsync{TResult}"/> as the
/// same method and params a connection to Delve would send; the answer is taken from the inner client
/// as raw JSON, kept, and only then read into the caller's type.
/// </summary>
internal sealed class RecordingDelveClient(IDelveClient inner) : DelveApiClient
{
    private readonly ConcurrentQueue<RecordedExchange> exchanges = new();
    private long sequence;

    /// <summary>The requests answered so far, in the order they were sent.</summary>
    public IReadOnlyList<RecordedExchange> Exchanges => [.. exchanges.OrderBy(e => e.Sequence)];

    /// <inheritdoc/>
    public override async Task<TResult> CallAsync<TResult>(string method, object argument, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var parameters = RecordingFile.Params(argument);

        // Numbered when sent, not when answered: Delve may answer pipelined requests out of order.
        var number = Interlocked.Increment(ref sequence);
        JsonElement answer;
        try
        {
            answer = await inner.CallAsync<JsonElement>(method, argument, cancellationToken);
        }
        catch (DelveException e) when (RecordedError.From(e) is { } error)
        {
            exchanges.Enqueue(new RecordedExchange(number, method, parameters, null, error));
            throw;
        }

        JsonElement? result = answer.ValueKind == JsonValueKind.Undefined ? null : answer.Clone();
        exchanges.Enqueue(new RecordedExchange(number, method, parameters, result, null));
        return RecordingFile.Answer<TResult>(result);
    }
}
