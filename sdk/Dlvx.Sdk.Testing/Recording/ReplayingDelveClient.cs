using System.Text.Json;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Sdk.Testing.Recording;

/// <summary>
/// Answers requests from a recording instead of Delve. A request is matched by its method and params;
/// the same request asked several times gets the recorded answers in the order they were recorded
/// (a <c>State</c> before and after a <c>continue</c>), while different requests may come in any order,
/// as concurrent ones do. A request the recording cannot answer throws <see cref="DelveReplayException"/>
/// naming it; it is not a <see cref="Dlvx.Sdk.Delve.DelveException"/>, so no command mistakes it for an
/// answer of Delve's and carries on.
/// </summary>
internal sealed class ReplayingDelveClient : DelveApiClient
{
    private readonly string source;
    private readonly Dictionary<string, Queue<RecordedExchange>> unanswered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> recordedCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RecordedExchange>> byMethod = new(StringComparer.Ordinal);
    private readonly List<string> misses = [];
    private readonly Lock gate = new();

    /// <param name="source">Where the recording came from, for messages.</param>
    /// <param name="exchanges">The recording, in the order its requests were sent.</param>
    public ReplayingDelveClient(string source, IReadOnlyList<RecordedExchange> exchanges)
    {
        this.source = source;
        foreach (var exchange in exchanges)
        {
            var key = RecordingFile.Key(exchange.Method, exchange.Params);
            if (!unanswered.TryGetValue(key, out var queue))
            {
                unanswered[key] = queue = new Queue<RecordedExchange>();
            }

            queue.Enqueue(exchange);
            recordedCounts[key] = recordedCounts.GetValueOrDefault(key) + 1;
            if (!byMethod.TryGetValue(exchange.Method, out var sameMethod))
            {
                byMethod[exchange.Method] = sameMethod = [];
            }

            sameMethod.Add(exchange);
        }
    }

    /// <summary>The requests the recording could not answer, each as the message thrown for it.</summary>
    public IReadOnlyList<string> Misses
    {
        get
        {
            lock (gate)
            {
                return [.. misses];
            }
        }
    }

    /// <summary>Recorded requests no one has asked yet, as <c>METHOD PARAMS</c>, in recorded order.</summary>
    public IReadOnlyList<string> Unused
    {
        get
        {
            lock (gate)
            {
                return [.. unanswered.Values.SelectMany(q => q).OrderBy(e => e.Sequence).Select(e => $"{e.Method} {e.Params.GetRawText()}")];
            }
        }
    }

    /// <inheritdoc/>
    public override Task<TResult> CallAsync<TResult>(string method, object argument, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = RecordingFile.Params(argument);
        var key = RecordingFile.Key(method, parameters);
        RecordedExchange exchange;
        lock (gate)
        {
            if (!unanswered.TryGetValue(key, out var queue) || !queue.TryDequeue(out exchange!))
            {
                var miss = new DelveReplayException(DescribeMiss(method, parameters, recordedCounts.GetValueOrDefault(key))) { Method = method, Params = parameters.GetRawText() };
                misses.Add(miss.Message);
                return Task.FromException<TResult>(miss);
            }
        }

        return exchange.Error is { } error
            ? Task.FromException<TResult>(error.ToException(method))
            : Task.FromResult(RecordingFile.Answer<TResult>(exchange.Result));
    }

    private string DescribeMiss(string method, JsonElement parameters, int timesRecorded)
    {
        const string Advice = "The command asks Delve something the recorded session was not asked: record it again against a real Delve.";
        if (timesRecorded > 0)
        {
            return $"{method} {parameters.GetRawText()} was asked more often than the recording {source} answers it ({timesRecorded} times). {Advice}";
        }

        var others = byMethod.GetValueOrDefault(method) ?? [];
        var hint = others.Count == 0
            ? $"it has no {method} request"
            : $"it has {others.Count} other {method} request{(others.Count == 1 ? "" : "s")}, such as {others[0].Params.GetRawText()}";
        return $"{method} {parameters.GetRawText()} is not in the recording {source} ({hint}). {Advice}";
    }
}
