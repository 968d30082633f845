using Dlvx.Sdk.Testing;

namespace Company.Plugin1.Tests;

/// <summary>What the command must find in testdata/hello, whether Delve is real or replayed.</summary>
internal static class HelloExpectations
{
    /// <summary>testdata/hello starts five goroutines in main.worker and stops while they all wait.</summary>
    public static void FindsTheFiveWorkers(CommandRunResult result)
    {
        var census = result.DataAs<GoroutineCensus>();
        Assert.Equal(new StartFunctionCount("main.worker", 5), census.ByStartFunction[0]);
        Assert.True(census.ByStartFunction.Count <= 3);
        Assert.Contains("main.worker", result.Text, StringComparison.Ordinal);
    }
}
