using Dlvx.Sdk;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// The target's runtime lacks a variable or field heap-stats derives its figures from: its Go
/// version lays the runtime out differently, and guessing would print wrong numbers.
/// </summary>
public sealed class MissingRuntimeFieldException : CommandException
{
    public MissingRuntimeFieldException()
    {
    }

    public MissingRuntimeFieldException(string fieldName)
        : base($"the target's runtime has no {fieldName}")
    {
        FieldName = fieldName;
    }

    public MissingRuntimeFieldException(string fieldName, Exception innerException)
        : base($"the target's runtime has no {fieldName}: {innerException.Message}", innerException)
    {
        FieldName = fieldName;
    }

    /// <summary>The runtime variable or field that was not found, for example <c>runtime.memstats.heapStats</c>.</summary>
    public string FieldName { get; } = "";
}
