using System.Text;
using Dlvx.Host.Dap;

namespace Dlvx.Host.Tests;

public sealed class DapHeaderTests
{
    private const int MaxBody = 16 * 1024 * 1024;

    [Fact]
    public void ParsesAValidHeader()
    {
        var bytes = Encoding.ASCII.GetBytes("Content-Length: 17\r\n\r\n{\"seq\":1,\"x\":12}");
        Assert.True(DapHeader.TryParse(bytes, MaxBody, out var headerLength, out var bodyLength));
        Assert.Equal("Content-Length: 17\r\n\r\n".Length, headerLength);
        Assert.Equal(17, bodyLength);
    }

    [Fact]
    public void AcceptsOtherHeaderFieldsAndAnyCaseAndZeroLength()
    {
        var header = "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:0\r\n\r\n";
        Assert.True(DapHeader.TryParse(Encoding.ASCII.GetBytes(header), MaxBody, out var headerLength, out var bodyLength));
        Assert.Equal(header.Length, headerLength);
        Assert.Equal(0, bodyLength);
    }

    [Fact]
    public void SplitHeaderNeedsMoreBytesUntilItIsComplete()
    {
        var full = Encoding.ASCII.GetBytes("Content-Length: 2\r\n\r\n{}");
        for (var length = 0; length < full.Length - 2; length++)
        {
            Assert.False(DapHeader.TryParse(full.AsSpan(0, length), MaxBody, out _, out _), $"prefix of {length} bytes");
        }

        Assert.True(DapHeader.TryParse(full.AsSpan(0, full.Length - 2), MaxBody, out _, out var bodyLength));
        Assert.Equal(2, bodyLength);
    }

    [Fact]
    public void MissingContentLengthIsRejected()
    {
        var error = Assert.Throws<FormatException>(() => DapHeader.TryParse("Content-Type: x\r\n\r\n"u8, MaxBody, out _, out _));
        Assert.Contains("no Content-Length", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("12abc")]
    [InlineData("")]
    [InlineData("99999999999999")]
    public void NegativeOrNonNumericContentLengthIsRejected(string value)
    {
        var bytes = Encoding.ASCII.GetBytes($"Content-Length: {value}\r\n\r\n");
        var error = Assert.Throws<FormatException>(() => DapHeader.TryParse(bytes, MaxBody, out _, out _));
        Assert.Contains("Content-Length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentLengthAboveTheLimitIsRejected()
    {
        var bytes = Encoding.ASCII.GetBytes($"Content-Length: {MaxBody + 1}\r\n\r\n");
        var error = Assert.Throws<FormatException>(() => DapHeader.TryParse(bytes, MaxBody, out _, out _));
        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedLineIsRejected()
    {
        var error = Assert.Throws<FormatException>(() => DapHeader.TryParse("Content-Length 5\r\n\r\n"u8, MaxBody, out _, out _));
        Assert.Contains("malformed header line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTerminatorWithinTheHeaderLimitIsRejected()
    {
        var bytes = Encoding.ASCII.GetBytes("Content-Length: 1" + new string(' ', DapHeader.MaxHeaderBytes));
        Assert.Throws<FormatException>(() => DapHeader.TryParse(bytes, MaxBody, out _, out _));
    }

    [Fact]
    public void ForBuildsAHeaderTryParseReadsBack()
    {
        var header = DapHeader.For(1234);
        Assert.Equal("Content-Length: 1234\r\n\r\n", Encoding.ASCII.GetString(header));
        Assert.True(DapHeader.TryParse(header, MaxBody, out var headerLength, out var bodyLength));
        Assert.Equal(header.Length, headerLength);
        Assert.Equal(1234, bodyLength);
    }
}
