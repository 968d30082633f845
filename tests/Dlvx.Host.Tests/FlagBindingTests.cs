using Dlvx.Host.Tests.Commands;
using Dlvx.PluginRuntime.Commands;
using Dlvx.Sdk;

namespace Dlvx.Host.Tests;

/// <summary>Bool options accept -x, -x=false, --x false and --no-x, so a flag that defaults to true can be turned off.</summary>
public sealed class FlagBindingTests
{
    private static readonly CommandDescriptor Switches = CommandDescriptor.FromType(typeof(SwitchesCommand));

    [Theory]
    [InlineData(new string[0], true, false, "")]
    [InlineData(new[] { "-verbose" }, true, true, "")]
    [InlineData(new[] { "--v" }, true, true, "")]
    [InlineData(new[] { "-names=false" }, false, false, "")]
    [InlineData(new[] { "--names", "false" }, false, false, "")]
    [InlineData(new[] { "--names", "FALSE", "word" }, false, false, "word")]
    [InlineData(new[] { "-names", "true" }, true, false, "")]
    [InlineData(new[] { "--no-names" }, false, false, "")]
    [InlineData(new[] { "-no-names", "-v", "false" }, false, false, "")]
    [InlineData(new[] { "-v", "--no-names", "word" }, false, true, "word")]
    public void EverySpellingOfAFlagBinds(string[] arguments, bool names, bool verbose, string word)
    {
        var command = new SwitchesCommand();

        CommandLineBinder.Bind(command, Switches, arguments);

        Assert.Equal((names, verbose, word), (command.Names, command.Verbose, command.Word));
    }

    [Fact]
    public void AFlagTakesTheNextWordOnlyWhenItIsTrueOrFalse()
    {
        // "no" and "1" are values -names=... accepts, but after a space they are the argument.
        foreach (var word in new[] { "no", "1", "falsey" })
        {
            var command = new SwitchesCommand();
            CommandLineBinder.Bind(command, Switches, ["--names", word]);
            Assert.Equal((true, word), (command.Names, command.Word));
        }
    }

    [Theory]
    [InlineData(new[] { "--no-names=true" }, "option --no-names takes no value (it turns -names off)")]
    [InlineData(new[] { "--no-such" }, "unknown option --no-such (known: -names, -verbose)")]
    [InlineData(new[] { "--names", "--no-names" }, "option -names is given more than once")]
    [InlineData(new[] { "--names=maybe" }, "option -names: 'maybe' is not true or false")]
    public void MisusedFlagsSayWhy(string[] arguments, string expected)
    {
        var error = Assert.Throws<UsageException>(() => CommandLineBinder.Bind(new SwitchesCommand(), Switches, arguments));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void NegationOnlyAppliesToFlags()
    {
        // -no-count is not -count=false: count is a number.
        var error = Assert.Throws<UsageException>(() => CommandLineBinder.Bind(new SampleCommand(), CommandDescriptor.FromType(typeof(SampleCommand)), ["--no-count", "t"]));

        Assert.StartsWith("unknown option --no-count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpShowsThatAFlagStartsOnAndHowToTurnItOff()
    {
        var lines = Switches.FormatHelp(new SwitchesCommand()).ReplaceLineEndings("\n").Split('\n');

        Assert.Contains(lines, l => l.StartsWith("  -names ", StringComparison.Ordinal) && l.EndsWith("Show names [default: true; --no-names turns it off]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  -verbose, -v ", StringComparison.Ordinal) && l.EndsWith("Say more", StringComparison.Ordinal));
    }
}
