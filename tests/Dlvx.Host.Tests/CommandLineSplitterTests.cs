using Dlvx.PluginRuntime.Commands;
using Dlvx.Sdk;

namespace Dlvx.Host.Tests;

public sealed class CommandLineSplitterTests
{
    public static TheoryData<string, string[]> Lines => new()
    {
        { "", [] },
        { "   ", [] },
        { "heap-stats", ["heap-stats"] },
        { "  heap-stats   -top\t5 ", ["heap-stats", "-top", "5"] },
        { "x -filter \"main\\..*\"", ["x", "-filter", "main\\..*"] },
        { "x \"two words\" 'single \"quoted\"'", ["x", "two words", "single \"quoted\""] },
        { "x \"say \\\"hi\\\" \\\\ ok\"", ["x", "say \"hi\" \\ ok"] },
        { "x 'no \\' escapes", ["x", "no \\", "escapes"] },
        { "x \"\" ''", ["x", "", ""] },
        { "a\"b c\"d", ["ab cd"] },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Splits(string line, string[] expected) => Assert.Equal(expected, CommandLineSplitter.Split(line));

    [Theory]
    [InlineData("x \"open", "double")]
    [InlineData("x 'open", "single")]
    [InlineData("x \"ends with escaped quote\\\"", "double")]
    public void UnterminatedQuoteIsAUsageError(string line, string kind)
    {
        var error = Assert.Throws<UsageException>(() => CommandLineSplitter.Split(line));
        Assert.Contains($"unterminated {kind} quote", error.Message, StringComparison.Ordinal);
    }
}
