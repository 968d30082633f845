namespace Dlvx.TestPlugins.Conflicting;

/// <summary>What test-echo returns as data.</summary>
public sealed record EchoData(string Line, int Count);
