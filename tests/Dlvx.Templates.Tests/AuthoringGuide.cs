namespace Dlvx.Templates.Tests;

/// <summary>
/// docs/authoring.md, the plugin authors' guide, as the list of shell commands it tells its reader to run.
/// The tests run exactly these: <see cref="AuthoringFixture"/> the build side (every command before the
/// first <c>dlvx</c> one), <see cref="AuthoringGuideTests"/> the rest.
/// </summary>
internal static class AuthoringGuide
{
    public static string Path => System.IO.Path.Combine(TestPaths.RepoRoot, "docs", "authoring.md");

    /// <summary>Every command of the guide's <c>sh</c> blocks, in order.</summary>
    public static IReadOnlyList<DocumentedCommand> Commands => MarkdownCommands.Read(Path);

    /// <summary>The commands that make the plugin (SDK packages, templates, build, test, pack), which come before any dlvx command on the reader's PATH.</summary>
    public static IReadOnlyList<DocumentedCommand> BuildSide => Commands.TakeWhile(c => !IsDlvx(c)).ToList();

    /// <summary>The commands from the first <c>dlvx</c> command on.</summary>
    public static IReadOnlyList<DocumentedCommand> DlvxSide => Commands.SkipWhile(c => !IsDlvx(c)).ToList();

    private static bool IsDlvx(DocumentedCommand command) => command.Words[0] == "dlvx";
}
