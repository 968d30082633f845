namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>Runs <see cref="SmallCacheTests"/> apart from every other test: it changes the process's environment.</summary>
[CollectionDefinition(nameof(SmallCacheTests), DisableParallelization = true)]
public sealed class SmallCacheCollection;
