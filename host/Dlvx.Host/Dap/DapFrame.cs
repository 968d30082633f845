namespace Dlvx.Host.Dap;

/// <summary>One DAP message as read from the wire.</summary>
/// <param name="Raw">Header and body, exactly as received, for pass-through.</param>
/// <param name="Body">The JSON body.</param>
internal readonly record struct DapFrame(ReadOnlyMemory<byte> Raw, ReadOnlyMemory<byte> Body);
