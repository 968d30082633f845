using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Testing.Tests;

/// <summary>A hand-written fake that knows three goroutines and nothing else.</summary>
internal sealed class ThreeGoroutinesDelve : FakeDelveClient
{
    public override Task<GoroutinePage> ListGoroutinesAsync(ListGoroutinesRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GoroutinePage { Goroutines = [new Goroutine { Id = 1 }, new Goroutine { Id = 2 }, new Goroutine { Id = 3 }], Nextg = -1 });
}
