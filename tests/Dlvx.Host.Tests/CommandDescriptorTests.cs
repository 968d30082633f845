using Dlvx.Host.Tests.Commands;
using Dlvx.PluginRuntime.Commands;

namespace Dlvx.Host.Tests;

public sealed class CommandDescriptorTests
{
    [Fact]
    public void ReadsTheAttributes()
    {
        var descriptor = CommandDescriptor.FromType(typeof(SampleCommand));
        Assert.Equal("sample-cmd", descriptor.Name);
        Assert.Equal(["sc"], descriptor.Aliases);
        Assert.Equal("A sample command.", descriptor.Summary);
        Assert.True(descriptor.RequiresStoppedTarget);
        Assert.Equal(["count", "verbose", "sort", "timeout", "filter"], descriptor.Options.Select(o => o.Name));
        Assert.Equal(["TARGET", "LIMIT"], descriptor.Arguments.Select(a => a.Name));
        Assert.True(descriptor.Answers("sc"));
        Assert.False(descriptor.Answers("sample"));
        Assert.False(CommandDescriptor.FromType(typeof(VariadicCommand)).RequiresStoppedTarget);
    }

    [Fact]
    public void GeneratesUsageFromOptionsAndArguments()
    {
        var descriptor = CommandDescriptor.FromType(typeof(SampleCommand));
        Assert.Equal("sample-cmd [-count COUNT] [-verbose] [-sort SORT] [-timeout DURATION] [-filter FILTER] TARGET [LIMIT]", descriptor.Usage);
        Assert.Equal("variadic-cmd IDS...", CommandDescriptor.FromType(typeof(VariadicCommand)).Usage);
    }

    [Fact]
    public void ExplicitUsageWins() => Assert.Equal("no-options (custom usage)", CommandDescriptor.FromType(typeof(NoOptionsCommand)).Usage);

    [Fact]
    public void HelpShowsSummaryUsageOptionsDefaultsChoicesAndAliases()
    {
        var descriptor = CommandDescriptor.FromType(typeof(SampleCommand));
        var help = descriptor.FormatHelp(new SampleCommand()).ReplaceLineEndings("\n");
        Assert.StartsWith("sample-cmd - A sample command.\n\nLonger text about the sample.\n\nUsage: sample-cmd [-count COUNT]", help, StringComparison.Ordinal);
        Assert.Contains("Arguments and options:", help, StringComparison.Ordinal);
        var lines = help.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("  TARGET", StringComparison.Ordinal) && l.EndsWith("What to look at (required)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  -count, -n COUNT", StringComparison.Ordinal) && l.EndsWith("How many [default: 3]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  -verbose, -v ", StringComparison.Ordinal) && l.EndsWith("Say more", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("-sort SORT", StringComparison.Ordinal) && l.EndsWith("Order (by-name|by-size) [default: by-size]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("-timeout DURATION", StringComparison.Ordinal) && l.EndsWith("How long [default: 2s]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("-filter FILTER", StringComparison.Ordinal) && l.EndsWith("Regexp", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  --json", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  --help", StringComparison.Ordinal));
        Assert.EndsWith("Aliases: sc", help, StringComparison.Ordinal);

        // Every description starts in the same column.
        var rows = lines.SkipWhile(l => !l.EndsWith("options:", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(9, rows.Count);
        var column = "  -timeout DURATION".Length + 2;
        Assert.All(rows, row => Assert.True(row[column - 1] == ' ' && row[column] != ' ', $"misaligned: '{row}'"));
    }

    [Fact]
    public void HelpWithoutArgumentsSaysOptions()
    {
        var help = CommandDescriptor.FromType(typeof(NoOptionsCommand)).FormatHelp();
        Assert.Contains("Options:", help, StringComparison.Ordinal);
        Assert.DoesNotContain("Arguments and options:", help, StringComparison.Ordinal);
        Assert.DoesNotContain("Aliases", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(BadNameCommand), "'Bad_Name' is not a valid command name")]
    [InlineData(typeof(NotACommand), "does not implement ICommand")]
    [InlineData(typeof(ReservedOptionCommand), "reserves")]
    [InlineData(typeof(UnsupportedOptionCommand), "not DateTime")]
    [InlineData(typeof(SortOrder), "has no [Command] attribute")]
    public void InvalidCommandClassesAreRefusedWithTheReason(Type type, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CommandDescriptor.FromType(type));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("heap-stats", true)]
    [InlineData("heap-stats diff", true)]
    [InlineData("ti", true)]
    [InlineData("Heap", false)]
    [InlineData("heap_stats", false)]
    [InlineData("a b c", false)]
    [InlineData("-x", false)]
    public void CommandNameRules(string name, bool valid) => Assert.Equal(valid, CommandNames.IsValid(name));
}
