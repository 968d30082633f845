namespace Dlvx.TestPlugins.Faulty;

public sealed class CyclicNode
{
    public CyclicNode? Next { get; set; }
}
