namespace Dlvx.Sdk.Testing.Tests.Commands;

/// <summary>What <see cref="ChannelShapeCommand"/> found.</summary>
public sealed record ChannelShape(long VariableLen, long VariableCap, int VariableChildren, long Length, long Capacity);
