using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dlvx.Host.Front;

/// <summary>
/// Refuses loopback connections from other users, as Delve's <c>--only-same-user</c> does: on a
/// shared machine anyone can connect to a loopback port, and a debugger port runs code as its owner.
/// </summary>
/// <remarks>
/// The client's socket is the one whose own address is the connection's remote end and whose peer
/// is ours. Its owner comes from the kernel's socket diagnostics (<see cref="SocketOwnerLookup"/>),
/// or, where those cannot be asked, from /proc/net/tcp and /proc/net/tcp6 as Delve reads it.
/// </remarks>
internal sealed class SameUserCheck
{
    private readonly string procNet;
    private readonly uint ownUid;
    private readonly bool useDiagnostics;

    /// <param name="procNet">Where the /proc tables are (tests point it elsewhere).</param>
    /// <param name="ownUid">The uid allowed to connect; the current real uid by default.</param>
    /// <param name="useDiagnostics">Ask the kernel's socket diagnostics first; false reads /proc only.</param>
    public SameUserCheck(string procNet = "/proc/net", uint? ownUid = null, bool useDiagnostics = true)
    {
        this.procNet = procNet;
        this.ownUid = ownUid ?? ReadOwnUid();
        this.useDiagnostics = useDiagnostics;
    }

    /// <summary>The uid connections must belong to.</summary>
    public uint OwnUid => ownUid;

    /// <summary>Whether the check can run here (Linux with /proc).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && File.Exists("/proc/net/tcp");

    /// <summary>
    /// True when the peer is not on loopback (the non-loopback opt-in covers it), or is owned by this user.
    /// False when it belongs to another user or cannot be found.
    /// </summary>
    public bool IsAllowed(Socket socket)
    {
        if (socket.RemoteEndPoint is not IPEndPoint remote || socket.LocalEndPoint is not IPEndPoint local || !IPAddress.IsLoopback(remote.Address))
        {
            return true;
        }

        return FindOwner(local, remote) is { } uid && uid == ownUid;
    }

    /// <summary>The uid owning the client's end of the connection, or null if not found.</summary>
    public uint? FindOwner(IPEndPoint local, IPEndPoint remote)
    {
        if (remote.Address.IsIPv4MappedToIPv6)
        {
            remote = new IPEndPoint(remote.Address.MapToIPv4(), remote.Port);
            local = new IPEndPoint(local.Address.MapToIPv4(), local.Port);
        }

        if (useDiagnostics && SocketOwnerLookup.TryFindOwner(remote, local, out var owner))
        {
            return owner;
        }

        return FindOwnerInProc(local, remote);
    }

    /// <summary>The same lookup through /proc/net/tcp and tcp6 (addresses already unmapped).</summary>
    public uint? FindOwnerInProc(IPEndPoint local, IPEndPoint remote)
    {
        if (remote.AddressFamily == AddressFamily.InterNetwork)
        {
            return Search("tcp", Hex4(remote), Hex4(local))
                ?? Search("tcp6", "0000000000000000FFFF0000" + Hex4(remote), "0000000000000000FFFF0000" + Hex4(local));
        }

        return Search("tcp6", Hex6(remote), Hex6(local));
    }

    private static uint ReadOwnUid()
    {
        // "Uid:\treal\teffective\tsaved\tfs": compare with the real uid, as Delve does.
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return uint.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("cannot read the current uid from /proc/self/status");
    }

    // /proc prints IPv4 addresses as the little-endian 32-bit word, the port big-endian.
    private static string Hex4(IPEndPoint endpoint)
    {
        var b = endpoint.Address.GetAddressBytes();
        return string.Create(CultureInfo.InvariantCulture, $"{b[3]:X2}{b[2]:X2}{b[1]:X2}{b[0]:X2}:{endpoint.Port:X4}");
    }

    private static string Hex6(IPEndPoint endpoint)
    {
        var b = endpoint.Address.GetAddressBytes();
        var text = new System.Text.StringBuilder();
        for (var word = 0; word < 4; word++)
        {
            for (var i = 3; i >= 0; i--)
            {
                text.Append(b[(word * 4) + i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.Append(':').Append(endpoint.Port.ToString("X4", CultureInfo.InvariantCulture)).ToString();
    }

    private uint? Search(string file, string clientAddress, string serverAddress)
    {
        var path = Path.Combine(procNet, file);
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid ...
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 7 && fields[1] == clientAddress && fields[2] == serverAddress
                && uint.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                return uid;
            }
        }

        return null;
    }
}
