using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dlvx.PluginRuntime.Plugins;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dlvx.PluginRuntime.Commands;

/// <summary>
/// Runs plugin commands for every client route: resolves the name, answers <c>--help</c>, refuses a
/// running target, binds arguments, runs the command in its own DI scope under a timeout, and turns
/// every failure into a message that names the plugin.
/// </summary>
internal sealed class CommandInvoker
{
    /// <summary>The default time a command may take.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions OutputJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Only for JsonElement and anonymous host types: plugin types go through their catalog's options.
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IDelveClient delve;
    private volatile PluginCatalog? catalog;

    // Dropped once the first catalog is installed: the task's result would otherwise keep that
    // catalog, and its plugins' load contexts, alive after a reload replaced it.
    private volatile Task<PluginCatalog>? loading;
    private readonly ILogger logger;

    /// <summary>Creates an invoker.</summary>
    /// <param name="catalog">The loaded plugins.</param>
    /// <param name="delve">The plugins' connection, used to check the target's state first.</param>
    /// <param name="logger">Where failures are logged with their stack traces.</param>
    /// <param name="timeout">How long a command may run; <see cref="DefaultTimeout"/> when null.</param>
    public CommandInvoker(PluginCatalog catalog, IDelveClient delve, ILogger logger, TimeSpan? timeout = null)
        : this(Task.FromResult(catalog), delve, logger, timeout)
    {
    }

    /// <summary>Creates an invoker whose plugins are still loading; commands wait for them.</summary>
    /// <param name="loading">
    /// The plugins being loaded. Loading in the background lets the front port serve pass-through
    /// traffic, which needs no plugin, while the plugins' assemblies are read and JIT-compiled.
    /// It must not fault: a plugin that fails to load is a failure recorded in its catalog.
    /// </param>
    /// <param name="delve">The plugins' connection, used to check the target's state first.</param>
    /// <param name="logger">Where failures are logged with their stack traces.</param>
    /// <param name="timeout">How long a command may run; <see cref="DefaultTimeout"/> when null.</param>
    public CommandInvoker(Task<PluginCatalog> loading, IDelveClient delve, ILogger logger, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(loading);
        this.loading = loading;
        this.delve = delve;
        this.logger = logger;
        Timeout = timeout ?? DefaultTimeout;
        if (loading.IsCompletedSuccessfully)
        {
            catalog = loading.Result;
            this.loading = null;
        }
    }

    /// <summary>How long a command may run before it is abandoned.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The loaded plugins; waits for them while they are still loading.</summary>
    public PluginCatalog Catalog => catalog ?? Loaded();

    /// <summary>Waits for the plugins to finish loading.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<PluginCatalog> WhenLoadedAsync(CancellationToken cancellationToken = default) =>
        catalog ?? (loading is { } pending ? Installed(await pending.WaitAsync(cancellationToken)) : catalog!);

    /// <summary>
    /// Replaces the plugins (hot reload). Invocations already running finish on the old catalog;
    /// the caller disposes it with <see cref="PluginCatalog.DisposeWhenIdleAsync"/>.
    /// </summary>
    /// <returns>The catalog that was replaced.</returns>
    public PluginCatalog SwapCatalog(PluginCatalog next)
    {
        _ = Catalog;
        return Interlocked.Exchange(ref catalog, next)!;
    }

    /// <summary>Whether the first word of a command line names a plugin command (or <c>help</c>).</summary>
    public bool Handles(string firstWord) => firstWord == "help" || Catalog.IsRootName(firstWord);

    /// <summary>Runs a command line such as <c>heap-stats -top 5</c>.</summary>
    /// <param name="commandLine">The command and its arguments.</param>
    /// <param name="client">The route.</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <param name="includeData">
    /// Whether the route returns the structured data. Routes that show only text skip serialising
    /// it, which matters for commands whose data is tens of megabytes; <c>--json</c> always serialises.
    /// </param>
    public Task<CommandOutcome> InvokeAsync(string commandLine, ClientKind client, IProgress<CommandProgress>? progress, CancellationToken cancellationToken, bool includeData = true)
    {
        IReadOnlyList<string> words;
        try
        {
            words = CommandLineSplitter.Split(commandLine);
        }
        catch (UsageException e)
        {
            return Task.FromResult(CommandOutcome.Failure(commandLine, e.Message));
        }

        return InvokeAsync(words, client, progress, cancellationToken, includeData);
    }

    /// <summary>Runs a command given as its name followed by its arguments.</summary>
    public async Task<CommandOutcome> InvokeAsync(IReadOnlyList<string> words, ClientKind client, IProgress<CommandProgress>? progress, CancellationToken cancellationToken, bool includeData = true)
    {
        var current = await WhenLoadedAsync(cancellationToken);
        if (words.Count == 0)
        {
            return CommandOutcome.Failure("", $"no command given; {KnownCommands()}");
        }

        if (words[0] == "help")
        {
            // "help CMD" is "CMD --help": one help text, defaults (read from a fresh instance) included,
            // and an isolated plugin's help comes from its worker like its every other answer.
            var asked = words.Skip(1).ToList();
            return asked.Count > 0 && current.Resolve(asked) is not null
                ? await InvokeAsync([.. asked, "--help"], client, progress, cancellationToken, includeData)
                : Help();
        }

        using var lease = current.Lease();
        var resolved = current.Resolve(words);
        if (resolved is not { } found)
        {
            return CommandOutcome.Failure(words[0], $"unknown command '{words[0]}'; {KnownCommands()}");
        }

        var (command, plugin, arguments) = found;
        if (plugin.Worker is { } worker)
        {
            // The worker runs this same invoker on its own copy of the plugin.
            return await worker.InvokeAsync(words, client, progress, cancellationToken);
        }

        var json = arguments.Contains("--json");
        var rest = arguments.Where(a => a != "--json").ToList();
        await using var scope = plugin.Services.CreateAsyncScope();
        if (rest.Contains("--help") || rest.Contains("-h") || rest.Contains("-help"))
        {
            return new CommandOutcome(command.Name, true, command.FormatHelp(TryResolve(scope, command)), null);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            if (command.RequiresStoppedTarget)
            {
                var state = await delve.GetStateAsync(nonBlocking: true, timeout.Token);
                if (state.Running)
                {
                    return CommandOutcome.Failure(command.Name, $"{command.Name}: {TargetRunningException.DefaultMessage}");
                }
            }

            var instance = (ICommand)scope.ServiceProvider.GetRequiredService(command.Type);
            CommandLineBinder.Bind(instance, command, rest);
            var context = new CommandContext(command.Name, rest, client, progress ?? new Progress<CommandProgress>());

            // A command that ignores its token is abandoned, not awaited: the caller gets its reply
            // at the timeout and the connection stays usable.
            var running = Task.Run(() => instance.ExecuteAsync(context, timeout.Token), CancellationToken.None);
            var finished = await Task.WhenAny(running, Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, timeout.Token));
            if (finished != running)
            {
                _ = running.ContinueWith(t => logger.LogWarning(t.Exception, "{Command} finished after it was abandoned", command.Name), TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                return CommandOutcome.Failure(command.Name, $"{command.Name}: timed out after {Timeout.TotalSeconds:0.#} s (plugin {plugin.Name})");
            }

            var result = await running ?? throw new InvalidOperationException("the command returned no result");
            logger.LogDebug("{Command} ran in {Elapsed} ms", command.Name, watch.ElapsedMilliseconds);
            return Success(command.Name, plugin.Name, result, json, includeData, current);
        }
        catch (UsageException e)
        {
            return CommandOutcome.Failure(command.Name, $"{command.Name}: {e.Message}\nUsage: {command.Usage}\nRun '{command.Name} --help' for details.");
        }
        catch (CommandException e)
        {
            return CommandOutcome.Failure(command.Name, $"{command.Name}: {e.Message}");
        }
        catch (TargetRunningException)
        {
            return CommandOutcome.Failure(command.Name, $"{command.Name}: {TargetRunningException.DefaultMessage}");
        }
        catch (DelveException e)
        {
            return CommandOutcome.Failure(command.Name, $"{command.Name}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            return CommandOutcome.Failure(command.Name, $"{command.Name}: timed out after {Timeout.TotalSeconds:0.#} s (plugin {plugin.Name})");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "{Command} of plugin {Plugin} failed", command.Name, plugin.Name);
            return CommandOutcome.Failure(command.Name, $"{command.Name}: plugin {plugin.Name} failed: {e.Message}");
        }
    }

    /// <summary>
    /// The text of <c>help</c>: every plugin command with its summary. (<c>help COMMAND</c> goes through
    /// <see cref="InvokeAsync(IReadOnlyList{string}, ClientKind, IProgress{CommandProgress}?, CancellationToken, bool)"/>
    /// as <c>COMMAND --help</c>.)
    /// </summary>
    /// <param name="prefix">Put before each name, for example <c>dlv </c> in a debug console.</param>
    public CommandOutcome Help(string prefix = "")
    {
        var text = new StringBuilder("Plugin commands (dlvx):\n");
        var table = new TextTable { Indent = "    " }.AddColumn("").AddColumn("");
        foreach (var (command, _) in Catalog.Commands)
        {
            table.AddRow(prefix + command.Name, command.Aliases.Count > 0 ? $"{command.Summary} (alias: {string.Join(", ", command.Aliases)})" : command.Summary);
        }

        if (table.RowCount == 0)
        {
            table.AddRow("(no plugins loaded)");
        }

        table.AppendTo(text).Append('\n');

        text.Append($"Type '{prefix}COMMAND --help' for a command's options.");
        return new CommandOutcome("help", true, text.ToString(), null);
    }

    /// <summary>Serialises structured data the way <c>--json</c> prints it.</summary>
    public static string FormatJson(object? data) => FormatJson(data, CompactJson);

    /// <summary>
    /// Serialises structured data the way <c>--json</c> prints it: indented, unless it is larger than
    /// <see cref="MaxIndentedJson"/>. A result that large is read by tools (jq), not by eye, and
    /// indentation adds half again to it: a goroutine graph of 100,000 goroutines is 70 MB compact
    /// and 105 MB indented, and every byte is copied, sent and parsed again by the client.
    /// </summary>
    /// <param name="data">The value.</param>
    /// <param name="compact">Options that do not indent (the caller's, so that plugin types are cached with the caller).</param>
    public static string FormatJson(object? data, JsonSerializerOptions compact)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(data, data?.GetType() ?? typeof(object), compact);
        if (bytes.Length > MaxIndentedJson)
        {
            return System.Text.Encoding.UTF8.GetString(bytes);
        }

        using var document = JsonDocument.Parse(bytes);
        return JsonSerializer.Serialize(document.RootElement, OutputJson);
    }

    /// <summary>The largest <c>--json</c> output printed indented: 1 MiB.</summary>
    public const int MaxIndentedJson = 1 << 20;

    private static CommandOutcome Success(string name, string plugin, CommandResult result, bool json, bool includeData, PluginCatalog catalog)
    {
        if (!json && !includeData)
        {
            return new CommandOutcome(name, true, result.Text, null);
        }

        // Serialised here, so that a plugin returning data that cannot be serialised fails as an
        // error naming the plugin rather than breaking a client's connection later.
        JsonElement? data = null;
        string text;
        try
        {
            if (includeData)
            {
                data = result.Data is null ? null : JsonSerializer.SerializeToElement(result.Data, result.Data.GetType(), catalog.ResultJson);
                text = json ? FormatJson(data ?? (object)new { result.Text }) : result.Text;
            }
            else
            {
                // Text only (a terminal's --json): straight to text, without a JSON element in between,
                // which for a graph of a hundred thousand goroutines is another copy.
                text = FormatJson(result.Data ?? new { result.Text }, catalog.ResultJsonText);
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return CommandOutcome.Failure(name, $"{name}: plugin {plugin} returned data that cannot be serialised as JSON: {e.Message.Split(". ")[0]}");
        }

        return new CommandOutcome(name, true, text, data);
    }

    private static object? TryResolve(AsyncServiceScope scope, CommandDescriptor command)
    {
        try
        {
            return scope.ServiceProvider.GetService(command.Type);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private string KnownCommands()
    {
        // Sub-commands are found through their parents' --help.
        var names = Catalog.Commands.Where(c => c.Command.Parent is null).Select(c => c.Command.Name).ToList();
        return names.Count == 0 ? "no plugin commands are loaded" : $"known commands: {string.Join(", ", names)}";
    }

    // Synchronous callers (the blocking pass-through threads) wait here only in the first
    // moments after start, before the plugins have loaded.
    private PluginCatalog Loaded() => loading is { } pending ? Installed(pending.GetAwaiter().GetResult()) : catalog!;

    // The loaded catalog becomes current unless a reload has already replaced it.
    private PluginCatalog Installed(PluginCatalog loaded)
    {
        Interlocked.CompareExchange(ref catalog, loaded, null);
        loading = null;
        return catalog!;
    }
}
