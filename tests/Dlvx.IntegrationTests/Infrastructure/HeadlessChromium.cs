using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A headless Chromium a test starts, driven over the DevTools protocol: open a page, evaluate a
/// script in it, take a full-page screenshot, print it to PDF. It runs with a fresh profile and with
/// its background networking off (this machine's network is closed), and is stopped by its own pid.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly string profile;
    private readonly StringBuilder stderr = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DevToolsConnection? devTools;
    private string? session;

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>Every network request the page made (Network.requestWillBeSent), by URL.</summary>
    public IReadOnlyList<string> RequestedUrls => devTools?.Events("Network.requestWillBeSent").Select(e => e["params"]!["request"]!["url"]!.GetValue<string>()).ToList() ?? [];

    /// <summary>The browser to use, or null when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("DLVX_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser", "google-chrome" }.SelectMany(name => path.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        var executable = Find() ?? throw new InvalidOperationException("no Chromium found");
        var profile = Directory.CreateTempSubdirectory("dlvx-chromium-").FullName;
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var browser = new HeadlessChromium(process, profile);
        process.ErrorDataReceived += (_, e) => browser.OnStandardError(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => browser.listening.TrySetException(new InvalidOperationException($"Chromium exited (code {process.ExitCode}) before listening:\n{browser.StandardError}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var endpoint = await browser.listening.Task.WaitAsync(Patience);
            browser.devTools = await DevToolsConnection.ConnectAsync(endpoint, Patience);
            var target = await browser.devTools.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, Patience);
            var attached = await browser.devTools.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, null, Patience);
            browser.session = attached["sessionId"]!.GetValue<string>();
            await browser.PageAsync("Page.enable");
            await browser.PageAsync("Network.enable");
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    public string StandardError
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>Opens <paramref name="url"/> at <paramref name="width"/> CSS pixels wide and waits for its load event.</summary>
    public async Task OpenAsync(string url, int width)
    {
        await PageAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        var before = devTools!.EventCount;
        await PageAsync("Page.navigate", new JsonObject { ["url"] = url });
        await devTools.WaitForEventAsync("Page.loadEventFired", session, before, Patience);
    }

    /// <summary>Evaluates an expression in the page and returns its value (a string, here: tests return JSON).</summary>
    public async Task<string> EvaluateAsync(string expression)
    {
        var result = await PageAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        return result["exceptionDetails"] is { } failure
            ? throw new InvalidOperationException($"the page's script failed: {failure.ToJsonString()}")
            : result["result"]!["value"]!.GetValue<string>();
    }

    /// <summary>A PNG of the page from <paramref name="top"/> down, as tall as the rest of its content or <paramref name="maxHeight"/> CSS pixels.</summary>
    public async Task<byte[]> ScreenshotAsync(int width, int top = 0, int maxHeight = 16000)
    {
        var metrics = await PageAsync("Page.getLayoutMetrics");
        var contentHeight = (int)Math.Ceiling(metrics["cssContentSize"]!["height"]!.GetValue<double>());
        var height = Math.Min(contentHeight - top, maxHeight);
        await PageAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = Math.Min(contentHeight, 16000), ["deviceScaleFactor"] = 1, ["mobile"] = false });
        var clip = new JsonObject { ["x"] = 0, ["y"] = top, ["width"] = width, ["height"] = height, ["scale"] = 1 };
        var shot = await PageAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true, ["clip"] = clip });
        return Convert.FromBase64String(shot["data"]!.GetValue<string>());
    }

    /// <summary>Lays the page out for a medium (<c>print</c>, <c>screen</c>) as the browser would, without printing.</summary>
    public Task EmulateMediaAsync(string media) => PageAsync("Emulation.setEmulatedMedia", new JsonObject { ["media"] = media });

    /// <summary>The page printed to PDF, as the browser's print dialog would.</summary>
    public async Task<byte[]> PrintAsync()
    {
        var pdf = await PageAsync("Page.printToPDF", new JsonObject { ["printBackground"] = true });
        return Convert.FromBase64String(pdf["data"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        if (devTools is not null)
        {
            try
            {
                await devTools.SendAsync("Browser.close", null, null, TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.Net.WebSockets.WebSocketException or OperationCanceledException)
            {
                // Killed below.
            }

            await devTools.DisposeAsync();
        }

        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Chromium's own processes are its children: its tree, by its pid.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }

        process.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A profile file still being written as the browser exits: a leftover temp folder, not a failure.
        }
    }

    private Task<JsonObject> PageAsync(string method, JsonObject? parameters = null) => devTools!.SendAsync(method, parameters, session, Patience);

    private void OnStandardError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (stderr)
        {
            stderr.AppendLine(line);
        }

        if (DevToolsLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"DevTools listening on (?<url>ws://\S+)")]
    private static partial Regex DevToolsLine();
}
