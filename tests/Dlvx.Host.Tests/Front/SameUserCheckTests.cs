using System.Net;
using Dlvx.Host.Front;

namespace Dlvx.Host.Tests.Front;

/// <summary>
/// The owner of a connection's client end, from the kernel's socket diagnostics and from /proc:
/// both must name this process's user for its own loopback connections. (A connection from another
/// user is refused end to end in the integration tests, which create that user.)
/// </summary>
public sealed class SameUserCheckTests
{
    public static TheoryData<string> Loopbacks => new() { "127.0.0.1", "::1" };

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task BothLookupsFindThisUserAsTheOwnerOfALoopbackClient(string address)
    {
        using var pair = await SocketPair.CreateAsync(IPAddress.Parse(address));
        var check = new SameUserCheck();
        var client = (IPEndPoint)pair.Writer.LocalEndPoint!;
        var server = (IPEndPoint)pair.Writer.RemoteEndPoint!;

        Assert.True(SocketOwnerLookup.TryFindOwner(client, server, out var owner), "the kernel's socket diagnostics could not be asked");
        Assert.Equal(check.OwnUid, owner);
        Assert.Equal(check.OwnUid, check.FindOwnerInProc(server, client));
        Assert.True(check.IsAllowed(pair.Reader));
    }

    [Fact]
    public void ASocketThatDoesNotExistHasNoOwner()
    {
        // Nothing listens on port 1, so no connection from it to port 2 exists.
        Assert.True(SocketOwnerLookup.TryFindOwner(new IPEndPoint(IPAddress.Loopback, 1), new IPEndPoint(IPAddress.Loopback, 2), out var owner));
        Assert.Null(owner);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AConnectionOwnedBySomeoneElseIsRefused(bool useDiagnostics)
    {
        using var pair = await SocketPair.CreateAsync();
        var ours = new SameUserCheck().OwnUid;

        // The same connection, judged by a check that allows only some other uid.
        var check = new SameUserCheck(ownUid: ours + 1, useDiagnostics: useDiagnostics);
        Assert.False(check.IsAllowed(pair.Reader));
        Assert.True(new SameUserCheck(useDiagnostics: useDiagnostics).IsAllowed(pair.Reader));
    }
}
