using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>The pointer fields of a runtime struct, as its debug information types them (the runtime's own masks say the same).</summary>
internal static class RuntimePointers
{
    /// <summary>Offsets of the pointer-typed fields of <paramref name="layout"/>, looking into struct fields, past <paramref name="skipFirst"/> leading fields.</summary>
    public static async Task<List<(ulong Offset, string Name)>> OfAsync(IRuntimeLayout runtime, GoStructLayout layout, CancellationToken cancellationToken, int skipFirst = 0)
    {
        var result = new List<(ulong, string)>();
        foreach (var field in layout.Fields.Skip(skipFirst))
        {
            switch (field.Kind)
            {
                case GoKind.Pointer or GoKind.UnsafePointer or GoKind.Func or GoKind.Chan or GoKind.Map:
                    result.Add((field.Offset, field.Name));
                    break;
                case GoKind.Struct when await runtime.FindStructAsync(field.TypeName, cancellationToken) is { } inner:
                    result.AddRange((await OfAsync(runtime, inner, cancellationToken)).Select(p => (field.Offset + p.Offset, field.Name + "." + p.Name)));
                    break;
                default:
                    break;
            }
        }

        return result;
    }
}
