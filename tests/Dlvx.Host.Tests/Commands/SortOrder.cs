namespace Dlvx.Host.Tests.Commands;

public enum SortOrder
{
    ByName,
    BySize,
}
