namespace Dlvx.Host.Front;

/// <summary>Limits and settings every front connection shares.</summary>
internal sealed class ProxyOptions
{
    /// <summary>The largest message accepted from a client; larger ones close the connection with an error.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;
}
