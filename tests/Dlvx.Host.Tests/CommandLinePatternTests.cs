using Dlvx.Host.Front;

namespace Dlvx.Host.Tests;

public sealed class CommandLinePatternTests
{
    [Theory]
    [InlineData("dlv target-info", "target-info")]
    [InlineData("  dlv   heap-stats -top 5  ", "heap-stats -top 5")]
    [InlineData("dlv\thelp", "help")]
    [InlineData("dlv help target-info", "help target-info")]
    [InlineData("dlv x\nmore lines", "x\nmore lines")]
    [InlineData("dlv _under_score", "_under_score")]
    public void RecognisesDlvCommandLines(string expression, string expected) => Assert.Equal(expected, CommandLinePattern.Match(expression));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("counter")]
    [InlineData("dlv")]
    [InlineData("dlv ")]
    [InlineData("dlvx target-info")]
    [InlineData("dlv.field")]
    [InlineData("dlv + 1")]
    [InlineData("dlv 5")]
    [InlineData("x dlv target-info")]
    public void LeavesOrdinaryExpressionsAlone(string? expression) => Assert.Null(CommandLinePattern.Match(expression));

    [Theory]
    [InlineData("target-info", "target-info")]
    [InlineData("heap-stats -top 5", "heap-stats")]
    [InlineData("  help\tx", "help")]
    [InlineData("a\nb", "a")]
    [InlineData("", "")]
    public void FirstWord(string line, string expected) => Assert.Equal(expected, CommandLinePattern.FirstWord(line));
}
