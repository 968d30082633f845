using System.Globalization;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>A TCP address, as Delve prints and accepts it (<c>127.0.0.1:4040</c>, <c>[::1]:4040</c>).</summary>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Port">Port number.</param>
internal sealed record DelveEndpoint(string Host, int Port)
{
    /// <summary>Parses <c>HOST:PORT</c>, <c>:PORT</c> (loopback) or <c>[IPv6]:PORT</c>.</summary>
    /// <exception cref="FormatException">The text is not an address.</exception>
    public static DelveEndpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"'{text}' is not an address; expected HOST:PORT, for example 127.0.0.1:4040");
        }

        var host = text[..colon].Trim('[', ']');
        return new DelveEndpoint(host.Length == 0 ? "127.0.0.1" : host, port);
    }

    /// <summary>Like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string text, out DelveEndpoint? endpoint)
    {
        try
        {
            endpoint = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            endpoint = null;
            return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
