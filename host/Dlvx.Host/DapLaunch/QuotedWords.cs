using System.Text;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// Splits a <c>buildFlags</c> string into words the way a shell would for the common cases: spaces
/// separate words, and single or double quotes keep spaces inside one word
/// (<c>-ldflags='-X main.v=1' -tags=dev</c> is two words). There are no escapes.
/// </summary>
internal static class QuotedWords
{
    /// <exception cref="FormatException">A quote is not closed.</exception>
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new FormatException($"unclosed {quote} in '{text}'");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
