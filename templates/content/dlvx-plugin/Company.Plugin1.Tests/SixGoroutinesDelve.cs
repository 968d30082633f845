using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing;

namespace Company.Plugin1.Tests;

/// <summary>
/// A fake Delve whose target has six goroutines: three started in main.worker, two in main.server, one
/// in main.main. It answers only what the command asks (FakeDelveClient reports a stopped target, and
/// names any other method that gets called).
/// </summary>
internal sealed class SixGoroutinesDelve : FakeDelveClient
{
    private static readonly string[] StartFunctions = ["main.main", "main.worker", "main.server", "main.worker", "main.server", "main.worker"];

    public override Task<GoroutinePage> ListGoroutinesAsync(ListGoroutinesRequest request, CancellationToken cancellationToken = default)
    {
        var goroutines = StartFunctions
            .Select((function, index) => new Goroutine { Id = index + 1, StartLoc = new Location { Function = new Function { Name = function } } })
            .ToList();
        return Task.FromResult(new GoroutinePage { Goroutines = goroutines, Nextg = -1 });
    }
}
