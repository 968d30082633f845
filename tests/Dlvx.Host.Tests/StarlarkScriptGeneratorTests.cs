using Dlvx.Host.Terminal;

namespace Dlvx.Host.Tests;

public sealed class StarlarkScriptGeneratorTests
{
    private static readonly TerminalCommand HeapStats = new("heap-stats", ["hs"], "Summarise the \"heap\".", "heap-stats [-top N]", "Dlvx.Plugins.HeapStats");

    [Fact]
    public void DashesBecomeUnderscoresInCommandNames()
    {
        var script = StarlarkScriptGenerator.Generate([HeapStats]);
        Assert.Contains("def command_heap_stats(args):", script, StringComparison.Ordinal);
        Assert.DoesNotContain("def command_heap-stats", script, StringComparison.Ordinal);
        Assert.Contains("def command_hs(args):", script, StringComparison.Ordinal);
    }

    [Fact]
    public void CallsDlvxThroughEvalWithTheCanonicalName()
    {
        var script = StarlarkScriptGenerator.Generate([HeapStats]);
        Assert.Contains("def _dlvx_run(line):", script, StringComparison.Ordinal);
        Assert.Contains("eval(None, \"dlv \" + line).Variable.Value", script, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(script, "\t_dlvx_run(\"heap-stats \" + args)"));
    }

    [Fact]
    public void EachCommandHasADocstringWithSummaryUsageAndPlugin()
    {
        var script = StarlarkScriptGenerator.Generate([HeapStats]);
        var start = script.IndexOf("def command_heap_stats(args):", StringComparison.Ordinal);
        var body = script[start..];
        Assert.StartsWith("def command_heap_stats(args):\n\t\"\"\"Summarise the \\\"heap\\\".", body.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Usage: heap_stats [-top N]", body, StringComparison.Ordinal);
        Assert.Contains("From plugin Dlvx.Plugins.HeapStats via dlvx.", body, StringComparison.Ordinal);
        Assert.True(CountOf(script, "\"\"\"") % 2 == 0, "docstrings must be closed");
    }

    [Fact]
    public void MissingSummaryGetsADefaultDocstring()
    {
        var script = StarlarkScriptGenerator.Generate([new TerminalCommand("target-info", [], "", "target-info", "P")]);
        Assert.Contains("\"\"\"target-info (dlvx plugin command)", script, StringComparison.Ordinal);
    }

    [Fact]
    public void SubCommandsAreLeftToTheirParentAndDuplicatesAreDefinedOnce()
    {
        var script = StarlarkScriptGenerator.Generate(
        [
            new TerminalCommand("heap-stats diff", [], "Diff.", "heap-stats diff", "P"),
            new TerminalCommand("a-b", ["a_b"], "One.", "a-b", "P"),
        ]);
        Assert.DoesNotContain("diff", script, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(script, "def command_a_b(args):"));
    }

    [Fact]
    public void NoCommandsStillGivesAValidScript()
    {
        var script = StarlarkScriptGenerator.Generate([]);
        Assert.Contains("def _dlvx_run(line):", script, StringComparison.Ordinal);
        Assert.DoesNotContain("def command_", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ti")]
    [InlineData("[-top N]")]
    [InlineData("")]
    public void AUsageThatDoesNotStartWithTheNameStillGivesAScript(string usage)
    {
        // CommandAttribute.Usage is free text; a plugin may write only the arguments.
        var script = StarlarkScriptGenerator.Generate([new TerminalCommand("target-info", [], "Summary.", usage, "P")]);
        Assert.Contains("def command_target_info(args):", script, StringComparison.Ordinal);
        Assert.Contains(usage.Length == 0 ? "Usage: target_info\n" : $"Usage: target_info {usage}\n", script, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
