namespace Dlvx.Sdk.Testing.Tests.Commands;

/// <summary>What <see cref="CensusCommand"/> found.</summary>
public sealed record Census(int Goroutines, string Counter, string Missing, long CounterInMemory);
