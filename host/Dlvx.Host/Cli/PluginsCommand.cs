using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Dlvx.Host.Install;
using Dlvx.Host.Session;

namespace Dlvx.Host.Cli;

/// <summary><c>dlvx plugins install|list|uninstall|update</c>: plugin packages under <c>$DLVX_HOME/plugins</c>.</summary>
[SuppressMessage("Performance", "CA1515:Consider making public types internal", Justification = "Public so that Dlvx.Templates.Tests can run it in-process.")]
public static class PluginsCommand
{
    /// <summary>Creates the <c>plugins</c> command and its sub-commands.</summary>
    public static Command Create()
    {
        var command = new Command("plugins", "Install, list, update and uninstall plugin packages (in $DLVX_HOME/plugins, default ~/.dlvx/plugins)");
        command.Subcommands.Add(Install());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Uninstall());
        command.Subcommands.Add(Update());
        command.Subcommands.Add(Reload());
        return command;
    }

    /// <summary>What <c>install</c> and <c>update</c> say: a running session loaded its plugins when it started.</summary>
    internal const string ReloadHint =
        "run 'dlvx plugins reload' (add --addr HOST:PORT for a session not on 127.0.0.1:4040), or restart them";

    private static DlvxHomeLayout Home => new(PluginSearchPath.DlvxHome);

    private static Option<string[]> SourceOption() => new("--source", "-s")
    {
        Description = "A package source: NuGet v3 feed URL, folder of .nupkg files, or a source name from nuget.config (default: the sources in nuget.config)",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<bool> PrereleaseOption() => new("--prerelease") { Description = "Allow pre-release versions when picking the highest" };

    private static Command Install()
    {
        var command = new Command("install", "Install a plugin package (a DlvxPlugin .nupkg, or a package id from a feed)");
        var package = new Argument<string>("package") { Description = "A package id, or the path of a .nupkg file" };
        var version = new Option<string>("--version", "-v") { Description = "The exact version to install (default: the highest)" };
        var source = SourceOption();
        var prerelease = PrereleaseOption();
        command.Arguments.Add(package);
        command.Options.Add(version);
        command.Options.Add(source);
        command.Options.Add(prerelease);
        command.SetAction((result, cancellationToken) => RunAsync("install", async () =>
        {
            var request = new PluginPackageRequest(result.GetValue(package)!, result.GetValue(version), result.GetValue(source) ?? [], result.GetValue(prerelease));
            var installed = await new PluginInstaller(Home).InstallAsync(request, replace: false, cancellationToken);
            Console.Out.WriteLine($"installed {installed.Id} {installed.Version} (commands: {string.Join(", ", installed.Commands)}) into {Path.Combine(Home.PluginsFolder, installed.Folder)}");
            Console.Out.WriteLine($"dlvx sessions already running do not have {installed.Id} until they reload their plugins: {ReloadHint}");
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the plugins in $DLVX_HOME/plugins: version, commands, SDK version built against, and whether each loads");
        command.SetAction((result, cancellationToken) => RunAsync("list", async () =>
        {
            var statuses = await new PluginInstaller(Home).ListAsync(cancellationToken);
            if (statuses.Count == 0)
            {
                Console.Out.WriteLine($"no plugins installed in {Home.PluginsFolder}");
                return;
            }

            var rows = statuses.Select(s => new[] { s.Id, s.Version, s.SdkVersion, string.Join(",", s.Commands), s.Status }).Prepend(["ID", "VERSION", "SDK", "COMMANDS", "STATUS"]).ToList();
            var widths = Enumerable.Range(0, 4).Select(i => rows.Max(r => r[i].Length) + 2).ToArray();
            foreach (var row in rows)
            {
                Console.Out.WriteLine(string.Concat(row.Take(4).Select((cell, i) => cell.PadRight(widths[i]))) + row[4]);
            }
        }));
        return command;
    }

    private static Command Uninstall()
    {
        var command = new Command("uninstall", "Remove an installed plugin");
        var id = new Argument<string>("id") { Description = "The plugin's package id" };
        command.Arguments.Add(id);
        command.SetAction((result, cancellationToken) => RunAsync("uninstall", async () =>
        {
            var removed = await new PluginInstaller(Home).UninstallAsync(result.GetValue(id)!, cancellationToken);
            Console.Out.WriteLine($"uninstalled {removed.Id} {removed.Version}");
        }));
        return command;
    }

    private static Command Update()
    {
        var command = new Command("update", "Update one installed plugin, or all, to the highest version in its source");
        var id = new Argument<string?>("id") { Description = "The plugin's package id (default: every installed plugin)", Arity = ArgumentArity.ZeroOrOne };
        var source = SourceOption();
        var prerelease = PrereleaseOption();
        command.Arguments.Add(id);
        command.Options.Add(source);
        command.Options.Add(prerelease);
        command.SetAction((result, cancellationToken) => RunAsync("update", async () =>
        {
            var results = await new PluginInstaller(Home).UpdateAsync(result.GetValue(id), result.GetValue(source) ?? [], result.GetValue(prerelease), cancellationToken);
            if (results.Count == 0)
            {
                Console.Out.WriteLine("no plugins installed");
            }

            foreach (var (pluginId, oldVersion, updated) in results)
            {
                Console.Out.WriteLine(updated is null ? $"{pluginId} {oldVersion} is up to date" : $"updated {pluginId} {oldVersion} -> {updated.Version}");
            }

            var kept = results.Where(r => r.Updated is not null).Select(r => $"{r.Id} {r.OldVersion}").ToList();
            if (kept.Count > 0)
            {
                Console.Out.WriteLine($"dlvx sessions already running keep {string.Join(", ", kept)} until they reload their plugins: {ReloadHint}");
            }
        }));
        return command;
    }

    private static Command Reload()
    {
        var command = new Command("reload", "Make a running dlvx load its plugins again: the ones installed, updated or rebuilt since it started (the others keep their state)");
        var address = ClientCommands.AddressOption();
        command.Options.Add(address);
        command.SetAction(async (result, cancellationToken) =>
        {
            var addr = result.GetValue(address)!;
            await using var remote = new DlvxRemote(PluginRuntime.Delve.DelveEndpoint.Parse(addr));
            try
            {
                var reloaded = await remote.ReloadPluginsAsync(cancellationToken);
                Console.Out.WriteLine($"dlvx at {addr}: {reloaded.Summary}");
                foreach (var failure in reloaded.Failures)
                {
                    Console.Error.WriteLine($"dlvx plugins reload: plugin not loaded: {failure}");
                }

                return reloaded.Failures.Count == 0 ? 0 : 1;
            }
            catch (Sdk.Delve.DelveConnectionException e)
            {
                Console.Error.WriteLine(ClientCommands.NotReachable("plugins reload", addr, e));
                return 2;
            }
            catch (Sdk.Delve.DelveException e)
            {
                Console.Error.WriteLine($"dlvx plugins reload: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Refusals are one line on stderr and exit code 1; stdout carries only results.</summary>
    private static async Task<int> RunAsync(string verb, Func<Task> action)
    {
        try
        {
            await action();
            return 0;
        }
        catch (PluginInstallException e)
        {
            await Console.Error.WriteLineAsync($"dlvx plugins {verb}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"dlvx plugins {verb}: {e.Message}");
            return 1;
        }
    }
}
