namespace Dlvx.Templates.Tests;

/// <summary>
/// Reads the shell commands a Markdown document tells its reader to run: every line of every fenced
/// <c>```sh</c> block, with <c># comments</c> removed and <c>a &amp;&amp; b</c> split into two commands, so
/// tests can run (or check they run) exactly what the document says.
/// </summary>
internal static class MarkdownCommands
{
    public static IReadOnlyList<DocumentedCommand> Read(string markdownPath)
    {
        var commands = new List<DocumentedCommand>();
        var section = "";
        var inShellBlock = false;
        var inOtherBlock = false;
        foreach (var raw in File.ReadLines(markdownPath))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (inShellBlock || inOtherBlock)
                {
                    inShellBlock = inOtherBlock = false;
                }
                else if (line == "```sh")
                {
                    inShellBlock = true;
                }
                else
                {
                    inOtherBlock = true;
                }

                continue;
            }

            if (!inShellBlock && !inOtherBlock && line.StartsWith('#'))
            {
                section = line.TrimStart('#').Trim();
                continue;
            }

            if (!inShellBlock)
            {
                continue;
            }

            // A comment starts at a '#' after whitespace; documented commands contain no other '#'.
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            var command = (comment >= 0 ? line[..comment] : line).Trim();
            if (command.Length == 0 || command.StartsWith('#'))
            {
                continue;
            }

            commands.AddRange(command.Split("&&").Select(part => new DocumentedCommand(section, part.Trim())));
        }

        return commands;
    }
}
