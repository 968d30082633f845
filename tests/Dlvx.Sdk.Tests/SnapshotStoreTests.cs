namespace Dlvx.Sdk.Tests;

public sealed class SnapshotStoreTests
{
    [Fact]
    public void UnnamedSnapshotsAreNumberedSkippingNamesInUse()
    {
        var store = new SnapshotStore<string>("heap-stats snapshot");
        store.Put("s2", "taken by name");
        Assert.Equal("s1", store.NextName());
        Assert.Equal("s3", store.NextName());
    }

    [Fact]
    public void ASnapshotOfTheSameNameReplacesTheOldOneAndBecomesTheLatest()
    {
        var store = new SnapshotStore<string>("x snapshot");
        store.Put("a", "first a");
        store.Put("b", "b");
        store.Put("a", "second a");

        Assert.Equal(2, store.Count);
        Assert.Equal(["b", "a"], store.Names);
        Assert.Equal("second a", store.Latest);
        Assert.Equal("second a", store.Get(null));
        Assert.Equal("b", store.Get("b"));
        Assert.Equal("b", store.Find("b"));
        Assert.Null(store.Find("c"));
    }

    [Fact]
    public void AMissingSnapshotIsAnErrorTheUserCanActOn()
    {
        var store = new SnapshotStore<string>("goroutine-graph snapshot");
        Assert.Null(store.Latest);
        Assert.Equal("no snapshots yet; take one with 'goroutine-graph snapshot [NAME]'", Assert.Throws<CommandException>(() => store.Get(null)).Message);

        store.Put("before", "x");
        store.Put("after", "y");
        Assert.Equal("no snapshot named during; known: before, after", Assert.Throws<CommandException>(() => store.Get("during")).Message);
    }
}
