namespace Dlvx.Templates.Tests;

/// <summary>
/// Runs the authoring guide's commands the way its reader would: word for word, from a working folder that
/// <c>cd</c> changes, with <c>dotnet</c> and <c>dlvx</c> (the dlvx these tests built) as the only programs,
/// in the environment the tests give the reader (private NuGet and template folders). Records every
/// command it ran, so a test can check that the whole guide ran, in order.
/// </summary>
internal sealed class GuideShell(string startFolder, IReadOnlyDictionary<string, string> environment)
{
    private readonly List<DocumentedCommand> ran = [];

    /// <summary>Where the reader is: the start folder, then wherever the guide's <c>cd</c> commands went.</summary>
    public string CurrentFolder { get; private set; } = startFolder;

    public IReadOnlyList<DocumentedCommand> Ran
    {
        get
        {
            lock (ran)
            {
                return ran.ToList();
            }
        }
    }

    /// <summary>The user's NuGet package folder (the test host's), whatever the reader's private one is.</summary>
    public static string UserPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Records a command a test started itself (a long-running session), so the record of what ran stays complete.</summary>
    public void RecordStarted(DocumentedCommand command)
    {
        lock (ran)
        {
            ran.Add(command);
        }
    }

    /// <summary>Runs one command of the guide.</summary>
    /// <param name="command">The command, exactly as the guide has it.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="workingDirectory">Where to run it instead of <see cref="CurrentFolder"/>, for a reader set up differently (a nuget.config of their own).</param>
    /// <param name="extraEnvironment">More environment for this command (its <c>DLVX_HOME</c>).</param>
    public async Task<ProcessResult> RunAsync(DocumentedCommand command, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var words = command.Words;
        ProcessResult result;
        if (words[0] == "cd")
        {
            var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(CurrentFolder, string.Join(' ', words.Skip(1))));
            if (!Directory.Exists(target))
            {
                throw new Xunit.Sdk.XunitException($"'{command.CommandLine}': {target} does not exist");
            }

            CurrentFolder = target;
            result = new ProcessResult(0, "");
        }
        else
        {
            var program = words[0] switch
            {
                "dotnet" => "dotnet",
                "dlvx" or "./dlvx" => TestPaths.Dlvx,
                _ => throw new Xunit.Sdk.XunitException($"{AuthoringGuide.Path} runs '{command.CommandLine}', but the tests run only dotnet, dlvx, ./dlvx and cd commands"),
            };
            var merged = new Dictionary<string, string>(environment);
            if (words[0] == "./dlvx")
            {
                // ./dlvx is the checkout's launcher: it builds dlvx and runs it with DLVX_REPO set to the
                // checkout. The tests run the dlvx they built from this checkout, the same way, in it.
                merged["DLVX_REPO"] = TestPaths.RepoRoot;
                workingDirectory ??= TestPaths.RepoRoot;

                // Its private build restores the checkout's projects: the user's package folder already
                // holds their third-party packages (test.sh restored them), so nothing is downloaded. The
                // Dlvx packages it makes go to the feed, never into a cache.
                merged["NUGET_PACKAGES"] = UserPackagesFolder;
            }

            foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
            {
                merged[key] = value;
            }

            result = await ChildProcess.RunAsync(program, words.Skip(1), workingDirectory ?? CurrentFolder, timeout, merged);
        }

        lock (ran)
        {
            ran.Add(command);
        }

        return result;
    }
}
