namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>Tests that must run alone (timings): xunit runs this collection after the parallel ones, by itself.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (timing)";
}
