using System.Globalization;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.RuntimeViews.Tests;

/// <summary>The test program's own variables, read through Delve: the figures it recorded from the runtime.</summary>
internal static class ProgramValues
{
    public static async Task<long> Int64Async(IDelveClient delve, string expression) =>
        long.Parse((await delve.EvalAsync(expression, EvalScope.Current, null)).Value, CultureInfo.InvariantCulture);

    public static async Task<ulong> UInt64Async(IDelveClient delve, string expression) =>
        ulong.Parse((await delve.EvalAsync(expression, EvalScope.Current, null)).Value, CultureInfo.InvariantCulture);

    /// <summary>The address a pointer variable holds, or the address of a variable (<c>&amp;main.x</c>).</summary>
    public static async Task<ulong> AddressAsync(IDelveClient delve, string expression)
    {
        var variable = await delve.EvalAsync(expression, EvalScope.Current, new LoadConfig { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 });
        return variable.Kind == GoKind.Pointer || variable.Kind == GoKind.UnsafePointer
            ? variable.Children.Count > 0 && variable.Children[0].Addr != 0 ? variable.Children[0].Addr : ulong.Parse(variable.Value.Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : variable.Addr;
    }
}
