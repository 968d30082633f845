using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Tests;

public sealed class DelveClientExtensionsTests
{
    [Fact]
    public async Task EnumeratingGoroutinesReadsPageAfterPageUntilDelveSaysTheLastOne()
    {
        var delve = new PagingDelveClient(total: 7);
        var ids = new List<long>();
        await foreach (var goroutine in delve.EnumerateGoroutinesAsync(pageSize: 3))
        {
            ids.Add(goroutine.Id);
        }

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], ids);
        Assert.Equal([(0, 3), (3, 3), (6, 3)], delve.Requests);
    }

    [Fact]
    public async Task AnEmptyTargetTakesOneRequest()
    {
        var delve = new PagingDelveClient(total: 0);
        Assert.Empty(await delve.EnumerateGoroutinesAsync().ToListAsync());
        Assert.Single(delve.Requests);
    }

    [Fact]
    public void ThePresetLoadConfigurationsAreFreshInstances()
    {
        var shallow = LoadConfig.Shallow;
        shallow.MaxStructFields = 3;
        Assert.Equal(-1, LoadConfig.Shallow.MaxStructFields);
        Assert.False(LoadConfig.Shallow.FollowPointers);
        Assert.Equal(0, LoadConfig.AddressOnly.MaxStructFields);
    }
}
