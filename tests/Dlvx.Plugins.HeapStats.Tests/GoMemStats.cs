using System.Globalization;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>A Go program's own runtime.MemStats variable, read field by field through Delve.</summary>
internal sealed class GoMemStats(Variable variable)
{
    public static async Task<GoMemStats> ReadAsync(IDelveClient delve, string expression)
    {
        var config = new LoadConfig { FollowPointers = false, MaxVariableRecurse = 3, MaxArrayValues = 100, MaxStringLen = 0, MaxStructFields = -1 };
        return new GoMemStats(await delve.EvalAsync(expression, EvalScope.Current, config));
    }

    public string Text(string field) => (variable.Child(field) ?? throw new InvalidOperationException($"MemStats has no {field}")).Value;

    public ulong UInt64(string field) => ulong.Parse(Text(field), CultureInfo.InvariantCulture);

    public double Float64(string field) => double.Parse(Text(field), CultureInfo.InvariantCulture);

    public IReadOnlyList<(ulong Size, ulong Mallocs, ulong Frees)> BySize() =>
        variable.Child("BySize")!.Children.Select(c => (
            ulong.Parse(c.Child("Size")!.Value, CultureInfo.InvariantCulture),
            ulong.Parse(c.Child("Mallocs")!.Value, CultureInfo.InvariantCulture),
            ulong.Parse(c.Child("Frees")!.Value, CultureInfo.InvariantCulture))).ToList();
}
