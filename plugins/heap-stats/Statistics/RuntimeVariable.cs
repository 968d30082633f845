using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>
/// A runtime variable Delve loaded, read by field name so that a runtime laid out differently
/// fails with the missing field's full name instead of yielding a wrong number.
/// </summary>
internal sealed class RuntimeVariable(Variable variable, string expression, string goVersion)
{
    /// <summary>The Go expression this value was reached by, for messages.</summary>
    public string Expression => expression;

    /// <summary>The value as Delve returned it.</summary>
    public Variable Value => variable;

    /// <summary>Follows a dotted path of field names, for example <c>totalAlloc.value</c>.</summary>
    /// <exception cref="RuntimeLayoutException">A field on the path does not exist.</exception>
    public RuntimeVariable Field(string path)
    {
        var current = variable;
        var reached = expression;
        foreach (var name in path.Split('.'))
        {
            reached += "." + name;
            current = current.Child(name) ?? throw RuntimeLayoutException.Missing(reached, goVersion);
        }

        return new RuntimeVariable(current, reached, goVersion);
    }

    /// <summary>The elements of an array field, all of them, or a failure if Delve truncated it.</summary>
    public IReadOnlyList<RuntimeVariable> Elements(string path)
    {
        var array = path.Length == 0 ? this : Field(path);
        var elements = array.Value.Children;
        if (array.Value.Kind != GoKind.Array || array.Value.Len != elements.Count)
        {
            throw new CommandException($"{array.Expression} is not a fully loaded array (kind {array.Value.Kind}, {elements.Count} of {array.Value.Len} elements)");
        }

        return elements.Select((element, index) => new RuntimeVariable(element, $"{array.Expression}[{index}]", goVersion)).ToList();
    }

    /// <summary>An unsigned integer field (uint64, uintptr, sysMemStat...).</summary>
    public ulong UInt64(string path = "") => ulong.Parse(Text(path), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Whether the value has a field of that name.</summary>
    public bool Has(string name) => variable.Child(name) is not null;

    /// <summary>A signed integer field (int64 deltas).</summary>
    public long Int64(string path = "") => long.Parse(Text(path), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>A floating-point field; Delve prints floats with the shortest text that round-trips.</summary>
    public double Float64(string path = "") => double.Parse(Text(path), NumberStyles.Float, CultureInfo.InvariantCulture);

    private string Text(string path)
    {
        var target = path.Length == 0 ? this : Field(path);
        if (target.Value.Unreadable.Length > 0)
        {
            throw new CommandException($"cannot read {target.Expression}: {target.Value.Unreadable}");
        }

        if (target.Value.Value.Length == 0)
        {
            throw new CommandException($"{target.Expression} has no scalar value (type {target.Value.Type})");
        }

        return target.Value.Value;
    }
}
