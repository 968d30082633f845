using Dlvx.Host.Tests.Commands;
using Dlvx.PluginRuntime.Commands;
using Dlvx.Sdk;

namespace Dlvx.Host.Tests;

public sealed class CommandLineBinderTests
{
    private static readonly CommandDescriptor Sample = CommandDescriptor.FromType(typeof(SampleCommand));

    [Fact]
    public void BindsTypedOptionsInEverySpelling()
    {
        var command = Bind("-count", "7", "--verbose", "--sort=by-name", "-timeout", "500ms", "--filter", "main\\..*", "target");
        Assert.Equal(7, command.Count);
        Assert.True(command.Verbose);
        Assert.Equal(SortOrder.ByName, command.Sort);
        Assert.Equal(TimeSpan.FromMilliseconds(500), command.Timeout);
        Assert.Equal("main\\..*", command.Filter);
        Assert.Equal("target", command.Target);
        Assert.Null(command.Limit);
    }

    [Fact]
    public void BindsAliasesInlineValuesAndExplicitFlagValues()
    {
        var command = Bind("-n=12", "-v=false", "-sort", "BY_SIZE", "-timeout=1m", "t", "5");
        Assert.Equal(12, command.Count);
        Assert.False(command.Verbose);
        Assert.Equal(SortOrder.BySize, command.Sort);
        Assert.Equal(TimeSpan.FromMinutes(1), command.Timeout);
        Assert.Equal(5, command.Limit);
    }

    [Theory]
    [InlineData("0x10", 16)]
    [InlineData("-5", -5)]
    public void NumbersAndNegativeNumbersAreValuesNotOptions(string value, int expected) => Assert.Equal(expected, Bind("-count", value, "t").Count);

    [Theory]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("00:00:03", 3000)]
    [InlineData("1h", 3_600_000)]
    public void DurationsInSeveralForms(string value, double milliseconds) => Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Bind("-timeout", value, "t").Timeout);

    [Fact]
    public void DefaultsStayWhenOptionsAreNotGiven()
    {
        var command = Bind("t");
        Assert.Equal(3, command.Count);
        Assert.False(command.Verbose);
        Assert.Equal(SortOrder.BySize, command.Sort);
        Assert.Equal(TimeSpan.FromSeconds(2), command.Timeout);
    }

    [Fact]
    public void DoubleDashEndsOptions()
    {
        var command = Bind("--", "-count");
        Assert.Equal("-count", command.Target);
        Assert.Equal(3, command.Count);
    }

    [Fact]
    public void UnknownOptionListsKnownOnes()
    {
        var error = BindFails("-nosuch", "t");
        Assert.Contains("unknown option -nosuch", error, StringComparison.Ordinal);
        Assert.Contains("-count", error, StringComparison.Ordinal);
        Assert.Contains("-timeout", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOptionOnACommandWithoutOptionsSaysSo()
    {
        var descriptor = CommandDescriptor.FromType(typeof(NoOptionsCommand));
        var error = Assert.Throws<UsageException>(() => CommandLineBinder.Bind(new NoOptionsCommand(), descriptor, ["-x"]));
        Assert.Contains("takes no options", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingValueNamesTheOptionAndItsValue()
    {
        var error = BindFails("t", "-timeout");
        Assert.Contains("option -timeout needs a value (DURATION)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-count", "many", "option -count: 'many' is not a whole number")]
    [InlineData("-count", "99999999999", "option -count: 99999999999 is out of range")]
    [InlineData("-verbose=maybe", null, "option -verbose: 'maybe' is not true or false")]
    [InlineData("-sort", "random", "option -sort: 'random' is not one of by-name|by-size")]
    [InlineData("-timeout", "soon", "option -timeout: 'soon' is not a duration")]
    public void BadValuesSayWhatWasExpected(string option, string? value, string expected)
    {
        var args = value is null ? new[] { option, "t" } : [option, value, "t"];
        Assert.Contains(expected, BindFails(args), StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedOptionIsRefused() => Assert.Contains("option -count is given more than once", BindFails("-count", "1", "-n", "2", "t"), StringComparison.Ordinal);

    [Fact]
    public void MissingRequiredArgumentIsNamed() => Assert.Contains("missing argument TARGET", BindFails("-count", "1"), StringComparison.Ordinal);

    [Fact]
    public void TooManyArgumentsAreRefused() => Assert.Contains("unexpected argument 'extra'", BindFails("t", "5", "extra"), StringComparison.Ordinal);

    [Fact]
    public void BadPositionalValueNamesTheArgument() => Assert.Contains("LIMIT: 'lots' is not a whole number", BindFails("t", "lots"), StringComparison.Ordinal);

    [Fact]
    public void VariadicArgumentTakesTheRest()
    {
        var descriptor = CommandDescriptor.FromType(typeof(VariadicCommand));
        var command = new VariadicCommand();
        CommandLineBinder.Bind(command, descriptor, ["1", "2", "0x3"]);
        Assert.Equal([1L, 2L, 3L], command.Ids);

        var error = Assert.Throws<UsageException>(() => CommandLineBinder.Bind(new VariadicCommand(), descriptor, []));
        Assert.Contains("missing argument IDS", error.Message, StringComparison.Ordinal);
    }

    private static SampleCommand Bind(params string[] arguments)
    {
        var command = new SampleCommand();
        CommandLineBinder.Bind(command, Sample, arguments);
        return command;
    }

    private static string BindFails(params string[] arguments) =>
        Assert.Throws<UsageException>(() => CommandLineBinder.Bind(new SampleCommand(), Sample, arguments)).Message;
}
