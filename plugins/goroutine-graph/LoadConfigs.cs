using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Delve load configurations this plugin asks with.</summary>
internal static class LoadConfigs
{
    /// <summary>Names, types and addresses only: nothing followed, no children.</summary>
    public static LoadConfig AddressOnly { get; } = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };
}
