using Dlvx.Sdk.Text;

namespace Dlvx.Sdk.Tests;

public sealed class TextFormatTests
{
    [Theory]
    [InlineData(0UL, "0 B")]
    [InlineData(1023UL, "1023 B")]
    [InlineData(1024UL, "1.00 KiB")]
    [InlineData(1536UL, "1.50 KiB")]
    [InlineData(45_670UL, "44.6 KiB")]
    [InlineData(327_680UL, "320 KiB")]
    [InlineData(3_900_000UL, "3.72 MiB")]
    [InlineData(ulong.MaxValue, "16.0 EiB")]
    public void BytesHaveThreeSignificantDigitsInBinaryUnits(ulong bytes, string expected) => Assert.Equal(expected, TextFormat.Bytes(bytes));

    [Theory]
    [InlineData(0L, "+0 B")]
    [InlineData(2652L, "+2.59 KiB")]
    [InlineData(-32_768L, "-32.0 KiB")]
    [InlineData(long.MinValue, "-8.00 EiB")]
    public void ChangesInSizeCarryTheirSign(long bytes, string expected) => Assert.Equal(expected, TextFormat.SignedBytes(bytes));

    [Fact]
    public void CountsHaveThousandsSeparatorsAndChangesTheirSign()
    {
        Assert.Equal("101,435", TextFormat.Count(101_435L));
        Assert.Equal("0", TextFormat.Count(0UL));
        Assert.Equal("18,446,744,073,709,551,615", TextFormat.Count(ulong.MaxValue));
        Assert.Equal("+16", TextFormat.SignedCount(16));
        Assert.Equal("-1,024", TextFormat.SignedCount(-1024));
        Assert.Equal("0", TextFormat.SignedCount(0));
    }
}
