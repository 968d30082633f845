using Dlvx.PluginRuntime.Delve;
using Dlvx.PluginRuntime.GoRuntime;

namespace Dlvx.Host.Tests.GoRuntime;

/// <summary>Reading target memory through Delve's <c>ExamineMemory</c>, whose cap is learned from its refusal.</summary>
public sealed class DelveMemorySourceTests
{
    [Fact]
    public async Task ConcurrentFirstReadsAllSucceedWhenDelveRefusesEachForItsCap()
    {
        // TargetMemory keeps 16 reads in flight; every one of them is refused before any has learned the cap.
        const int reads = 16;
        const int length = 65_536;
        await using var server = CappedMemoryServer.Start(holdUntil: reads);
        await using var delve = new DelveClient(server.Endpoint);
        var source = new DelveMemorySource(delve);
        var addresses = Enumerable.Range(0, reads).Select(i => 0x4c_0000UL + ((ulong)i * 0x1_0000UL) + 8).ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var blocks = await Task.WhenAll(addresses.Select(address => source.ReadAsync(address, length, timeout.Token)));

        Assert.Equal(CappedMemoryServer.Cap, source.MaxReadLength);
        for (var i = 0; i < reads; i++)
        {
            var block = blocks[i];
            Assert.True(block is not null, $"read {i} at 0x{addresses[i]:x} came back as unreadable");
            var firstWrong = Enumerable.Range(0, length).FirstOrDefault(j => block[j] != CappedMemoryServer.ByteAt(addresses[i] + (ulong)j), -1);
            Assert.True(firstWrong < 0, $"read {i} differs at byte {firstWrong}");
        }
    }
}
