using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Sdk.Testing.Recording;

/// <summary>
/// The recording format: JSON lines, a <see cref="RecordingHeader"/> first, then one
/// <see cref="RecordedExchange"/> per request in the order the requests were sent. Requests are
/// matched by method and by their <c>params</c> compared as JSON (property order and spacing do not
/// matter), so a recording may be read and edited by hand.
/// </summary>
internal static class RecordingFile
{
    private static readonly JsonSerializerOptions LineOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A request's <c>params</c> as the client puts them on the wire: a one-element array holding <paramref name="argument"/>.</summary>
    public static JsonElement Params(object argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return JsonSerializer.SerializeToElement(new[] { JsonSerializer.SerializeToElement(argument, argument.GetType(), DelveClient.JsonOptions) });
    }

    /// <summary>What identifies a request: its method and its params in a canonical spelling (object properties sorted, no spaces).</summary>
    public static string Key(string method, JsonElement parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, parameters);
        }

        return method + " " + Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Deserialises an answer into the type the caller asked for, as the client would have.</summary>
    public static TResult Answer<TResult>(JsonElement? result) =>
        result is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json
            ? json.Deserialize<TResult>(DelveClient.JsonOptions)!
            : default!;

    public static async Task WriteAsync(string path, IReadOnlyList<RecordedExchange> exchanges, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        // Written beside the target and renamed over it, so a test stopped mid-write never leaves half a recording.
        var temporary = path + ".tmp";
        await using (var file = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" })
        {
            await file.WriteLineAsync(JsonSerializer.Serialize(new RecordingHeader(RecordingHeader.FormatName, RecordingHeader.CurrentVersion, exchanges.Count), LineOptions).AsMemory(), cancellationToken);
            foreach (var exchange in exchanges)
            {
                await file.WriteLineAsync(JsonSerializer.Serialize(exchange, LineOptions).AsMemory(), cancellationToken);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a recording; the message names the line.</exception>
    public static async Task<IReadOnlyList<RecordedExchange>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no recording at {path}: make one by running the command against a real Delve through a DelveRecorder, then DelveRecorder.SaveAsync", path);
        }

        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        var header = lines.Length > 0 ? TryRead<RecordingHeader>(lines[0]) : null;
        if (header?.Format != RecordingHeader.FormatName)
        {
            throw new InvalidDataException($"{path}:1: not a dlvx recording (its first line must be {{\"format\":\"{RecordingHeader.FormatName}\",...}})");
        }

        if (header.Version != RecordingHeader.CurrentVersion)
        {
            throw new InvalidDataException($"{path}:1: a version {header.Version} recording; this Dlvx.Sdk.Testing reads version {RecordingHeader.CurrentVersion}: record it again");
        }

        var exchanges = new List<RecordedExchange>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var exchange = TryRead<RecordedExchange>(lines[i]);
            if (exchange is null || string.IsNullOrEmpty(exchange.Method) || exchange.Params.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path}:{(i + 1).ToString(CultureInfo.InvariantCulture)}: not a recorded request (expected {{\"seq\":N,\"method\":\"...\",\"params\":[...],\"result\":...}} or an \"error\" instead of the result)");
            }

            exchanges.Add(exchange);
        }

        return [.. exchanges.OrderBy(e => e.Sequence)];
    }

    private static T? TryRead<T>(string line)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, LineOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
