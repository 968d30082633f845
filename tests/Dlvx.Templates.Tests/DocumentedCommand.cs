namespace Dlvx.Templates.Tests;

/// <summary>One command line from a fenced <c>sh</c> block of a Markdown document, as a reader would type it.</summary>
/// <param name="Section">The heading (without #) of the section the block is in.</param>
/// <param name="CommandLine">The command, its comment and surrounding blanks removed.</param>
internal sealed record DocumentedCommand(string Section, string CommandLine)
{
    /// <summary>The command line split at spaces (documented commands use no quoting).</summary>
    public IReadOnlyList<string> Words => CommandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
