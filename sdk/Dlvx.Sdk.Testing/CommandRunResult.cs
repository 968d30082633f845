using System.Text.Json;

namespace Dlvx.Sdk.Testing;

/// <summary>What a command produced, for assertions.</summary>
/// <param name="Succeeded">Whether the command succeeded.</param>
/// <param name="Text">Its text, or its error message.</param>
/// <param name="Data">Its structured data as JSON, if any.</param>
public sealed record CommandRunResult(bool Succeeded, string Text, JsonElement? Data)
{
    /// <summary>Throws with the error message unless the command succeeded; returns this for chaining.</summary>
    public CommandRunResult EnsureSuccess() =>
        Succeeded ? this : throw new InvalidOperationException($"the command failed: {Text}");

    /// <summary>Deserialises <see cref="Data"/> into <typeparamref name="T"/>.</summary>
    public T DataAs<T>() =>
        Data is { } data ? data.Deserialize<T>() ?? throw new InvalidOperationException("the data is null") : throw new InvalidOperationException("the command returned no data");
}
