namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.ExamineMemory (ExaminedMemoryOut).</summary>
internal sealed class MemoryResult
{
    public byte[]? Mem { get; set; }

    public bool IsLittleEndian { get; set; }
}
