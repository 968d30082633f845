using Dlvx.Host.DapLaunch;

namespace Dlvx.Host.Tests.DapLaunch;

public sealed class QuotedWordsTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("  -race  ", new[] { "-race" })]
    [InlineData("-tags=dev -race", new[] { "-tags=dev", "-race" })]
    [InlineData("-ldflags='-X main.v=1 -s' -tags dev", new[] { "-ldflags=-X main.v=1 -s", "-tags", "dev" })]
    [InlineData("-ldflags=\"-X 'a=b'\"", new[] { "-ldflags=-X 'a=b'" })]
    [InlineData("''", new[] { "" })]
    public void SplitsLikeAShellWithoutEscapes(string text, string[] words) => Assert.Equal(words, QuotedWords.Split(text));

    [Fact]
    public void AnUnclosedQuoteIsAnError() => Assert.Throws<FormatException>(() => QuotedWords.Split("-ldflags='-X"));
}
