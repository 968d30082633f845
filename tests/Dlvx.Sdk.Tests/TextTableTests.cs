using Dlvx.Sdk.Text;

namespace Dlvx.Sdk.Tests;

public sealed class TextTableTests
{
    [Fact]
    public void ColumnsAreAsWideAsTheirWidestCellAndNumbersLineUpOnTheRight()
    {
        var table = new TextTable { Indent = "  " }
            .AddColumn("size", ColumnAlignment.Right)
            .AddColumn("objects", ColumnAlignment.Right)
            .AddColumn("type");
        table.AddRow(8, 1_000_000, "main.leaf").AddRow(9472, 2, "[1000]uint8");

        Assert.Equal(
            "  size  objects  type\n" +
            "     8  1000000  main.leaf\n" +
            "  9472        2  [1000]uint8",
            table.ToString());
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void WithoutHeadersThereIsNoHeaderLineAndNoTrailingBlanks()
    {
        var table = new TextTable().AddColumn("").AddColumn("");
        table.AddRow("Delve", "1.20.2").AddRow("Go", "").AddRow("Goroutines");
        Assert.Equal("Delve       1.20.2\nGo\nGoroutines", table.ToString());
    }

    [Fact]
    public void ALeftColumnBeforeTheLastIsPaddedAndTheGapIsConfigurable()
    {
        var table = new TextTable { Gap = " | " }.AddColumn("a").AddColumn("b", ColumnAlignment.Right).AddColumn("c");
        table.AddRow("long", 1, "x").AddRow(null, 22, null);
        Assert.Equal("a    |  b | c\nlong |  1 | x\n     | 22", table.ToString());
    }

    [Fact]
    public void ValuesAreWrittenInTheInvariantCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("1.5", new TextTable().AddColumn("").AddRow(1.5).ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void AppendToWritesIntoAnExistingText()
    {
        var text = new System.Text.StringBuilder("Top:\n");
        new TextTable().AddColumn("n", ColumnAlignment.Right).AddRow(3).AppendTo(text).Append("\nend");
        Assert.Equal("Top:\nn\n3\nend", text.ToString());
    }

    [Fact]
    public void MisuseIsRefused()
    {
        var table = new TextTable().AddColumn("one");
        Assert.Throws<ArgumentException>(() => table.AddRow("a", "b"));
        table.AddRow("a");
        Assert.Throws<InvalidOperationException>(() => table.AddColumn("two"));
    }
}
