using System.Text.RegularExpressions;

namespace Dlvx.Templates.Tests;

/// <summary>
/// <c>dlvx plugins install</c> and <c>update</c> from an HTTP NuGet v3 source: a static feed (service
/// index and flat container) served over loopback by a plain file server the test runs.
/// </summary>
[Collection(AuthoringCollection.Name)]
[Trait("Category", "Slow")]
public sealed class HttpFeedTests(AuthoringFixture fixture)
{
    [Fact]
    public async Task InstallAndUpdateWorkFromAStaticV3FeedOverHttp()
    {
        var root = Path.Combine(fixture.Root, "http-feed");
        var home = Directory.CreateDirectory(Path.Combine(fixture.Root, "homes", "http")).FullName;
        await using var feed = await StaticNuGetFeed.StartAsync(root);
        await feed.PublishAsync(fixture.PluginPackage, "Contoso.Leaks", "1.0.0");
        var previousCache = Environment.GetEnvironmentVariable("NUGET_HTTP_CACHE_PATH");
        // NuGet's HTTP cache goes to this run's folder, never the user's (the collection runs one test at a time).
        Environment.SetEnvironmentVariable("NUGET_HTTP_CACHE_PATH", Path.Combine(fixture.Root, "http-cache"));
        try
        {
            var install = await DlvxPlugins.RunAsync(home, "install", "Contoso.Leaks", "--source", feed.ServiceIndex);
            Assert.True(install.ExitCode == 0, install.Output);
            Assert.Contains("installed Contoso.Leaks 1.0.0", install.Output, StringComparison.Ordinal);
            Assert.Contains("/v3/flatcontainer/contoso.leaks/1.0.0/contoso.leaks.1.0.0.nupkg", feed.Requests);

            var newer = Path.Combine(fixture.Root, "http-newer", "Contoso.Leaks.1.1.0.nupkg");
            PackageEditor.Copy(fixture.PluginPackage, newer, (name, text) => name.EndsWith(".nuspec", StringComparison.Ordinal)
                ? text.Replace("<version>1.0.0</version>", "<version>1.1.0</version>", StringComparison.Ordinal)
                : text);
            await feed.PublishAsync(newer, "Contoso.Leaks", "1.1.0");

            // No --source: update looks again in the feed recorded at install.
            var update = await DlvxPlugins.RunAsync(home, "update", "Contoso.Leaks");
            Assert.True(update.ExitCode == 0, update.Output);
            Assert.Contains("updated Contoso.Leaks 1.0.0 -> 1.1.0", update.Output, StringComparison.Ordinal);
            Assert.Contains("/v3/flatcontainer/contoso.leaks/1.1.0/contoso.leaks.1.1.0.nupkg", feed.Requests);

            var list = await DlvxPlugins.RunAsync(home, "list");
            Assert.Matches(@"(?m)^Contoso\.Leaks\s+1\.1\.0\s+" + Regex.Escape(fixture.Version) + @"\s+find-leaks,leaks\s+ok$", list.Output);
            Assert.Contains(feed.ServiceIndex, await File.ReadAllTextAsync(Path.Combine(home, "plugins.json")), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NUGET_HTTP_CACHE_PATH", previousCache);
        }
    }
}
