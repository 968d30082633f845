using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Dlvx.Host.Front;

/// <summary>
/// Asks the Linux kernel which user owns one TCP socket, found by its exact addresses, over a
/// NETLINK_SOCK_DIAG socket (what <c>ss</c> uses). One request and one answer of under 100 bytes,
/// where /proc/net/tcp makes the kernel print every TCP socket of the machine (about 1.6 ms even
/// with a handful, since it walks the whole connection hash table) on every accepted connection.
/// </summary>
/// <remarks>
/// .NET's <see cref="Socket"/> does not take AF_NETLINK, so the four libc calls are made directly.
/// Layouts are those of linux/netlink.h, linux/sock_diag.h and linux/inet_diag.h.
/// </remarks>
internal static partial class SocketOwnerLookup
{
    private const int AfNetlink = 16;
    private const int SockDgram = 2;
    private const int SockCloexec = 0x80000;
    private const int NetlinkSockDiag = 4;
    private const ushort SockDiagByFamily = 20;
    private const ushort NlmsgError = 2;
    private const ushort NlmFRequest = 1;
    private const int MsgDontwait = 0x40;
    private const int RequestLength = 16 + 56; // nlmsghdr + inet_diag_req_v2
    private const int UidOffset = 16 + 64; // nlmsghdr + inet_diag_msg up to idiag_uid
    private const int Enoent = 2;

    /// <summary>
    /// Looks up the socket whose own end is <paramref name="socketLocal"/> and whose peer is
    /// <paramref name="socketRemote"/>. Returns false when the kernel cannot be asked this way (no
    /// sock_diag, not Linux): the caller falls back to /proc. Otherwise <paramref name="owner"/> is
    /// the owner's uid, or null when no such socket exists.
    /// </summary>
    public static bool TryFindOwner(IPEndPoint socketLocal, IPEndPoint socketRemote, out uint? owner)
    {
        owner = null;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        int socket;
        try
        {
            socket = Socket(AfNetlink, SockDgram | SockCloexec, NetlinkSockDiag);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }

        if (socket < 0)
        {
            return false;
        }

        try
        {
            var request = Request(socketLocal, socketRemote);
            var kernel = new byte[12]; // sockaddr_nl: family, pad, pid 0 (the kernel), groups 0
            WriteHost(kernel, (ushort)AfNetlink);
            if (SendTo(socket, request, request.Length, 0, kernel, kernel.Length) != request.Length)
            {
                return false;
            }

            // The kernel answers within sendto; not waiting guards against a kernel that never does.
            var answer = new byte[512];
            var length = (int)Receive(socket, answer, answer.Length, MsgDontwait);
            if (length < 16)
            {
                return false;
            }

            var type = MemoryMarshal.Read<ushort>(answer.AsSpan(4));
            if (type == SockDiagByFamily && length >= UidOffset + 4)
            {
                owner = MemoryMarshal.Read<uint>(answer.AsSpan(UidOffset));
                return true;
            }

            // An error message carries -errno; ENOENT means there is no such socket.
            return type == NlmsgError && length >= 20 && MemoryMarshal.Read<int>(answer.AsSpan(16)) == -Enoent;
        }
        finally
        {
            _ = Close(socket);
        }
    }

    /// <summary>An exact-match SOCK_DIAG_BY_FAMILY request for one TCP socket (no dump, no cookie).</summary>
    private static byte[] Request(IPEndPoint local, IPEndPoint remote)
    {
        var request = new byte[RequestLength];
        var span = request.AsSpan();
        WriteHost(span, (uint)RequestLength);
        WriteHost(span[4..], SockDiagByFamily);
        WriteHost(span[6..], NlmFRequest);
        WriteHost(span[8..], 1u); // sequence number

        // inet_diag_req_v2: family, protocol, extensions, pad, states, then inet_diag_sockid.
        span[16] = (byte)(local.AddressFamily == AddressFamily.InterNetwork ? 2 : 10);
        span[17] = (byte)ProtocolType.Tcp;
        WriteHost(span[20..], uint.MaxValue);
        BinaryPrimitives.WriteUInt16BigEndian(span[24..], (ushort)local.Port);
        BinaryPrimitives.WriteUInt16BigEndian(span[26..], (ushort)remote.Port);
        local.Address.GetAddressBytes().CopyTo(span[28..]);
        remote.Address.GetAddressBytes().CopyTo(span[44..]);

        // Interface 0 (any) and INET_DIAG_NOCOOKIE: match by addresses alone.
        WriteHost(span[64..], uint.MaxValue);
        WriteHost(span[68..], uint.MaxValue);
        return request;
    }

    // Netlink headers and the diag structures are in host byte order, except ports and addresses.
    private static void WriteHost<T>(Span<byte> destination, T value)
        where T : struct => MemoryMarshal.Write(destination, in value);

    // libc.so.6 by its full name: "libc.so" is a linker script on glibc systems, not a library.
    [LibraryImport("libc.so.6", EntryPoint = "socket")]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc.so.6", EntryPoint = "sendto")]
    private static partial nint SendTo(int socket, byte[] buffer, nint length, int flags, byte[] address, int addressLength);

    [LibraryImport("libc.so.6", EntryPoint = "recv")]
    private static partial nint Receive(int socket, byte[] buffer, nint length, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "close")]
    private static partial int Close(int socket);
}
