namespace Dlvx.Sdk.Runtime;

/// <summary>
/// The target's runtime is not laid out as a command expects: a type, field, constant or variable
/// it needs is missing. The message is one line naming what is missing and the target's Go release.
/// </summary>
public class RuntimeLayoutException : CommandException
{
    /// <summary>Creates the exception.</summary>
    public RuntimeLayoutException()
    {
    }

    /// <summary>Creates the exception with the message the user sees.</summary>
    public RuntimeLayoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public RuntimeLayoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The standard message for something the target's runtime lacks.</summary>
    /// <param name="what">What is missing, for example <c>runtime.mspan.largeType</c>.</param>
    /// <param name="goVersion">The target's Go release, or empty when unknown.</param>
    public static RuntimeLayoutException Missing(string what, string goVersion) =>
        new($"the target's runtime ({(goVersion.Length > 0 ? goVersion : "unknown Go release")}) has no {what}");
}
