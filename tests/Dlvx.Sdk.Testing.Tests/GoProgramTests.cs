namespace Dlvx.Sdk.Testing.Tests;

/// <summary>GoProgram.BuildAsync's documented failures, each with the message an author needs.</summary>
public sealed class GoProgramTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("dlvx-kit-go-");

    [Fact]
    public async Task ACompileErrorThrowsWithTheCompilersMessage()
    {
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "go.mod"), "module broken\n\ngo 1.18\n");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "main.go"), "package main\n\nfunc main() {\n\tundefinedThing()\n}\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GoProgram.BuildAsync(folder.FullName));

        Assert.Contains("go build in", error.Message, StringComparison.Ordinal);
        Assert.Contains("undefined: undefinedThing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingGoThrowsSayingHowToInstallIt()
    {
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "go.mod"), "module fine\n\ngo 1.18\n");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "main.go"), "package main\n\nfunc main() {}\n");
        // DLVX_GO names the go binary to run; tests here run one at a time, so setting it is safe.
        Environment.SetEnvironmentVariable("DLVX_GO", Path.Combine(folder.FullName, "no-such-go"));
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GoProgram.BuildAsync(folder.FullName));

            Assert.StartsWith("cannot run go:", error.Message, StringComparison.Ordinal);
            Assert.Contains("Install Go", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DLVX_GO", null);
        }
    }

    [Fact]
    public async Task AMissingFolderThrowsDirectoryNotFound()
    {
        var missing = Path.Combine(folder.FullName, "not-here");

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => GoProgram.BuildAsync(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Delete(recursive: true);
}
