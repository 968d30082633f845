using Dlvx.Host.Tests.Commands;
using Dlvx.PluginRuntime.Commands;
using Dlvx.Sdk;

namespace Dlvx.Host.Tests;

/// <summary>Sub-commands declared as structure (CommandAttribute.Parent) and the older two-word names, through the real loader.</summary>
public sealed class SubCommandTests(ConflictingPluginFixture plugin) : IClassFixture<ConflictingPluginFixture>
{
    private CommandInvoker Invoker => plugin.Invoker(TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData("test-echo upper a b", "A B")]
    [InlineData("te upper a b", "A B")]
    [InlineData("te u a b", "A B")]
    [InlineData("test-echo u a", "A")]
    [InlineData("test-echo upper first a b", "A")]
    [InlineData("te u first a b", "A")]
    [InlineData("test-echo lower A B", "a b")]
    [InlineData("te lower A B", "a b")]
    [InlineData("test-echo uppercase", "uppercase")]
    public async Task TheDeepestMatchingCommandRunsWithTheRestAsItsArguments(string line, string expected)
    {
        var outcome = await Invoker.InvokeAsync(line, ClientKind.Unknown, null, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Text);
        Assert.Equal(expected, outcome.Text);
    }

    [Fact]
    public void SubCommandsTakeTheirFullNamesAndAliasesFromTheirParents()
    {
        var upper = plugin.Catalog.Commands.Single(c => c.Command.Type.Name == "EchoUpperCommand").Command;
        Assert.Equal("test-echo upper", upper.Name);
        Assert.Equal(["test-echo u", "te upper", "te u"], upper.Aliases);
        Assert.Equal("test-echo", upper.Parent?.Name);
        Assert.Equal("test-echo upper first", Assert.Single(upper.SubCommands).Name);
        Assert.Equal("test-echo upper [WORDS...]", upper.Usage);
        Assert.Equal(["test-echo lower", "test-echo upper"], upper.Parent!.SubCommands.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AParentsHelpListsItsSubCommands()
    {
        var help = (await Invoker.InvokeAsync("test-echo --help", ClientKind.Unknown, null, CancellationToken.None)).Text;
        Assert.Contains("Sub-commands:", help, StringComparison.Ordinal);
        Assert.Contains("upper    Echoes its arguments in capitals.", help, StringComparison.Ordinal);
        Assert.Contains("lower    Echoes its arguments in small letters.", help, StringComparison.Ordinal);
        Assert.Contains("Run 'test-echo SUB-COMMAND --help'", help, StringComparison.Ordinal);
    }

    [Fact]
    public void AParentOutsideThePluginIsAnError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CommandTree.Link([CommandDescriptor.FromType(typeof(OrphanSubCommand))]));
        Assert.Contains("is not a command of this plugin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParentsThatFormACycleAreAnError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CommandTree.Link([CommandDescriptor.FromType(typeof(CycleOneCommand)), CommandDescriptor.FromType(typeof(CycleTwoCommand))]));
        Assert.Contains("sub-commands must form a tree", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASubCommandNameIsOneWord()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CommandDescriptor.FromType(typeof(SeveralWordSubCommand)));
        Assert.Contains("a sub-command's name is one word", error.Message, StringComparison.Ordinal);
    }
}
