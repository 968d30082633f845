using System.Text;
using Dlvx.Host.JsonRpc;

namespace Dlvx.Host.Tests;

public sealed class JsonValueFramerTests
{
    [Fact]
    public void SplitsBackToBackValues()
    {
        var first = """{"method":"RPCServer.State","params":[{"NonBlocking":true}],"id":1}""";
        var second = """ {"method":"RPCServer.GetVersion","params":[{}],"id":2}""";
        var bytes = Encoding.UTF8.GetBytes(first + second);
        var framer = new JsonValueFramer();

        var end = framer.FindEnd(bytes);
        Assert.Equal(first.Length, end);

        var rest = bytes.AsSpan(end);
        var secondEnd = framer.FindEnd(rest);
        Assert.Equal(second.Length, secondEnd);
        Assert.Equal(second, Encoding.UTF8.GetString(rest[..secondEnd]));
    }

    [Fact]
    public void LeadingWhitespaceIsPartOfTheValue()
    {
        var text = "\r\n\t {\"a\":1}";
        Assert.Equal(text.Length, new JsonValueFramer().FindEnd(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("""{"Expr":"dlv x {not a brace} ["}""")]
    [InlineData("""{"Expr":"a \"quoted } value\" here"}""")]
    [InlineData("""{"Expr":"backslash at end \\"}""")]
    [InlineData("""{"Expr":"\\\" } still in string"}""")]
    [InlineData("""{"a":[{"b":"]}"},{"c":[1,2,{}]}]}""")]
    public void BracesAndQuotesInsideStringsDoNotEndTheValue(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "{\"next\":1}");
        Assert.Equal(Encoding.UTF8.GetByteCount(value), new JsonValueFramer().FindEnd(bytes));
    }

    [Fact]
    public void PartialInputNeedsMoreBytesAndResumesWhereItStopped()
    {
        var value = Encoding.UTF8.GetBytes("""{"method":"RPCServer.Eval","params":[{"Expr":"x \"}\" y"}],"id":7}""");
        var framer = new JsonValueFramer();
        for (var length = 1; length < value.Length; length++)
        {
            Assert.Equal(-1, framer.FindEnd(value.AsSpan(0, length)));
        }

        Assert.Equal(value.Length, framer.FindEnd(value));
    }

    [Fact]
    public void PartialInputSplitInsideAnEscape()
    {
        var value = Encoding.UTF8.GetBytes("""{"s":"a\"}"}""");
        var split = Array.IndexOf(value, (byte)'\\') + 1;
        var framer = new JsonValueFramer();
        Assert.Equal(-1, framer.FindEnd(value.AsSpan(0, split)));
        Assert.Equal(value.Length, framer.FindEnd(value));
    }

    [Fact]
    public void PendingLengthCountsBytesOfTheValueInProgress()
    {
        var framer = new JsonValueFramer();
        Assert.Equal(-1, framer.FindEnd("{\"abc\":"u8));
        Assert.Equal(7, framer.PendingLength);
        Assert.Equal(9, framer.FindEnd("{\"abc\":1}"u8));
        Assert.Equal(0, framer.PendingLength);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("[1,2]")]
    [InlineData("\"string\"")]
    [InlineData("  42")]
    public void GarbageIsAFormatException(string text)
    {
        var framer = new JsonValueFramer();
        var bytes = Encoding.UTF8.GetBytes(text);
        var error = Assert.Throws<FormatException>(() => framer.FindEnd(bytes));
        Assert.Contains("expected a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyWhitespaceNeedsMoreBytes() => Assert.Equal(-1, new JsonValueFramer().FindEnd(" \n\t "u8));
}
