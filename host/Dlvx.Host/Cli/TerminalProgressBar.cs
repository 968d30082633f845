using System.Globalization;
using System.Text;
using Dlvx.Host.Api;

namespace Dlvx.Host.Cli;

/// <summary>
/// Shows a command's progress on one line of standard error while <c>dlvx run</c> waits for it:
/// a bar when the command says how far it is, its message always. Only for a terminal: output
/// redirected to a file or a pipe gets no progress at all, so scripts read clean text. Colour is
/// left out when <c>NO_COLOR</c> is set (no-color.org).
/// </summary>
internal sealed class TerminalProgressBar(TextWriter output, int width, bool color) : IProgress<ProgressNotification>
{
    private const int BarCells = 24;
    private const int MinimumWidth = BarCells + 40;
    private readonly Lock gate = new();
    private bool drawn;

    /// <summary>A bar on this process's standard error, or null when standard error is not a terminal.</summary>
    public static TerminalProgressBar? ForStandardError()
    {
        if (Console.IsErrorRedirected)
        {
            return null;
        }

        // A terminal that reports no size (0, as some emulators and script(1) do) gets the classic 80 columns.
        var width = 80;
        try
        {
            width = Console.WindowWidth is var columns and > 0 ? Math.Max(columns, MinimumWidth) : width;
        }
        catch (IOException)
        {
            // No window size to ask for.
        }

        var noColor = Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        return new TerminalProgressBar(Console.Error, width, color: !noColor);
    }

    public void Report(ProgressNotification value)
    {
        var line = new StringBuilder("\r");
        if (value.Fraction is { } fraction)
        {
            var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarCells);
            line.Append(color ? "\u001b[36m" : "").Append('[').Append('#', filled).Append('.', BarCells - filled).Append(']').Append(color ? "\u001b[0m" : "");
            line.Append(CultureInfo.InvariantCulture, $" {fraction * 100,3:0}% ");
        }

        // One line: the message is cut to what the terminal shows, and the rest of the old line blanked.
        var room = width - 1 - (value.Fraction is null ? 0 : BarCells + 8);
        var message = value.Message.ReplaceLineEndings(" ");
        line.Append(message.Length > room ? message[..Math.Max(0, room)] : message.PadRight(room));
        lock (gate)
        {
            output.Write(line.ToString());
            output.Flush();
            drawn = true;
        }
    }

    /// <summary>Removes the bar, leaving the cursor at the start of an empty line.</summary>
    public void Clear()
    {
        lock (gate)
        {
            if (drawn)
            {
                output.Write("\r" + new string(' ', width - 1) + "\r");
                output.Flush();
                drawn = false;
            }
        }
    }
}
