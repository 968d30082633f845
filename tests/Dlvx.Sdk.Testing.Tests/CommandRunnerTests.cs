namespace Dlvx.Sdk.Testing.Tests;

/// <summary>CommandRunner and CommandRunResult throw where their documentation says, with the reason.</summary>
public sealed class CommandRunnerTests
{
    [Fact]
    public async Task ForPluginFoldersThrowsWhenAPluginFailsToLoad()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(TestPrograms.Basic));
        var missing = Path.Combine(Path.GetTempPath(), $"dlvx-no-such-plugin-{Guid.NewGuid():N}");

        var error = Assert.Throws<InvalidOperationException>(() => CommandRunner.ForPluginFolders(session.Delve, missing));

        Assert.Equal($"plugins failed to load: {missing}: plugin folder not found", error.Message);
    }

    [Fact]
    public async Task EnsureSuccessThrowsWithTheCommandsErrorAndDataAsThrowsWithoutData()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(TestPrograms.Basic));
        await using var runner = CommandRunner.ForAssembly(typeof(CommandRunnerTests).Assembly, session.Delve);

        var failed = await runner.RunAsync("kit-fail");
        Assert.False(failed.Succeeded);
        var error = Assert.Throws<InvalidOperationException>(() => failed.EnsureSuccess());
        Assert.Equal("the command failed: kit-fail: it failed as asked", error.Message);

        var text = (await runner.RunAsync("kit-text")).EnsureSuccess();
        Assert.Equal("only text", text.Text);
        Assert.Equal("the command returned no data", Assert.Throws<InvalidOperationException>(() => text.DataAs<string[]>()).Message);
    }
}
