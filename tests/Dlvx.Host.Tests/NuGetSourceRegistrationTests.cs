using Dlvx.Host.Cli;

namespace Dlvx.Host.Tests;

/// <summary>
/// dlvx sdk pack's registration of its feed, against the real dotnet CLI in a private DOTNET_CLI_HOME:
/// added once, then left alone, updated when the feed moves, enabled again when disabled.
/// </summary>
public sealed class NuGetSourceRegistrationTests : IDisposable
{
    private readonly TempFolder home = new();

    private Dictionary<string, string> CliEnvironment => new() { ["DOTNET_CLI_HOME"] = home.Path, ["DOTNET_NOLOGO"] = "1" };

    private string ConfigFile => Path.Combine(home.Path, ".nuget", "NuGet", "NuGet.Config");

    [Fact]
    public async Task RegisteringTwiceAddsOnceAndAMovedFeedIsUpdated()
    {
        var feed = Directory.CreateDirectory(Path.Combine(home.Path, "feed")).FullName;
        var moved = Directory.CreateDirectory(Path.Combine(home.Path, "moved")).FullName;

        Assert.Equal(("added", ""), await NuGetSourceRegistration.RegisterAsync("dlvx-test", feed, CliEnvironment, CancellationToken.None));
        Assert.Equal(($"already registered ({feed})", ""), await NuGetSourceRegistration.RegisterAsync("dlvx-test", feed, CliEnvironment, CancellationToken.None));
        Assert.Single(Sources(), s => s.Contains(feed, StringComparison.Ordinal));

        Assert.Equal(($"updated (was {feed})", ""), await NuGetSourceRegistration.RegisterAsync("dlvx-test", moved, CliEnvironment, CancellationToken.None));
        var source = Assert.Single(Sources(), s => s.Contains("dlvx-test", StringComparison.Ordinal));
        Assert.Contains($"value=\"{moved}\"", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisabledSourceIsEnabledAgain()
    {
        var feed = Directory.CreateDirectory(Path.Combine(home.Path, "feed")).FullName;
        Assert.Equal(("added", ""), await NuGetSourceRegistration.RegisterAsync("dlvx-test", feed, CliEnvironment, CancellationToken.None));
        var (disabled, log) = await SdkCommand.RunAsync("dotnet", ["nuget", "disable", "source", "dlvx-test"], CancellationToken.None, CliEnvironment);
        Assert.True(disabled == 0, log);

        Assert.Equal(($"updated (was {feed}, disabled)", ""), await NuGetSourceRegistration.RegisterAsync("dlvx-test", feed, CliEnvironment, CancellationToken.None));
        Assert.Equal(($"already registered ({feed})", ""), await NuGetSourceRegistration.RegisterAsync("dlvx-test", feed, CliEnvironment, CancellationToken.None));
    }

    public void Dispose() => home.Dispose();

    /// <summary>The &lt;add&gt; lines of the private user NuGet.Config.</summary>
    private List<string> Sources() => File.ReadAllLines(ConfigFile).Where(l => l.TrimStart().StartsWith("<add ", StringComparison.Ordinal)).ToList();
}
