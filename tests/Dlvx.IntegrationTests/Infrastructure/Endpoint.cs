namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>A HOST:PORT a server printed.</summary>
public sealed record Endpoint(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}
