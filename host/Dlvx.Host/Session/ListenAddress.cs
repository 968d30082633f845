using System.Net;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.Session;

/// <summary>Parses and checks the front port's address.</summary>
internal static class ListenAddress
{
    public const string Default = "127.0.0.1:4040";

    /// <summary>Parses <c>HOST:PORT</c>; refuses a non-loopback address unless allowed.</summary>
    /// <exception cref="FormatException">The address is malformed or not allowed; the message says what to do.</exception>
    public static IPEndPoint Parse(string text, bool allowNonLoopback)
    {
        var endpoint = DelveEndpoint.Parse(text);
        IPAddress address;
        if (endpoint.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(endpoint.Host, out address!))
        {
            throw new FormatException($"'{endpoint.Host}' is not an IP address; use for example 127.0.0.1:4040");
        }

        if (!IPAddress.IsLoopback(address) && !allowNonLoopback)
        {
            throw new FormatException(
                $"refusing to listen on {text}: it is not a loopback address, and anyone who can reach it could control the debugged process. Pass --allow-non-loopback to do it anyway.");
        }

        return new IPEndPoint(address, endpoint.Port);
    }
}
