namespace Dlvx.Sdk.Delve;

/// <summary>An expression named a symbol, type or location the target does not have.</summary>
public sealed class SymbolNotFoundException : DelveException
{
    /// <summary>Creates the exception.</summary>
    public SymbolNotFoundException()
    {
    }

    /// <summary>Creates the exception with Delve's message.</summary>
    public SymbolNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with Delve's message and the cause.</summary>
    public SymbolNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
