using System.Text.Json.Nodes;
using Dlvx.Host.DapLaunch;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.Tests.DapLaunch;

/// <summary>Launch and attach requests, as the Go extension and nvim-dap-go send them, into what dlvx runs.</summary>
public sealed class LaunchTranslatorTests : IDisposable
{
    private readonly TempFolder workspace = new();
    private readonly string temporaryOutput;
    private readonly LaunchTranslator translator;

    public LaunchTranslatorTests()
    {
        temporaryOutput = Path.Combine(workspace.Path, "tmp", "__debug_bin");
        translator = new LaunchTranslator(workspace.Path, defaultBackend: null, () => temporaryOutput);
    }

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void DebugBuildsThePackageAndExecsTheBinaryWithArgsEnvAndCwd()
    {
        var package = workspace.Sub("cmd");
        var plan = translator.Translate("launch", Arguments("""
            {"mode":"debug","program":"./cmd","args":["one","two words"],"env":{"GREETING":"hi","GONE":null},
             "cwd":"cmd","buildFlags":"-tags=dev -ldflags='-X main.v=1'","stopOnEntry":true,
             "substitutePath":[{"from":"/src","to":"/build"}],"name":"Launch Package","type":"go","__buildDir":"/x"}
            """));

        Assert.Equal("launch", plan.Request);
        Assert.Equal("debug", plan.Mode);
        Assert.False(plan.NoDebug);
        var build = Assert.IsType<DebugBuild>(plan.Build);
        Assert.Equal(DebugBuildKind.Program, build.Kind);
        Assert.Equal(workspace.Path, build.Directory);
        Assert.Equal("./cmd", build.Package);
        Assert.Equal(temporaryOutput, build.Output);
        Assert.Equal(["-tags=dev", "-ldflags=-X main.v=1"], build.Flags);
        Assert.Equal(["build", "-o", temporaryOutput, "-gcflags=all=-N -l", "-tags=dev", "-ldflags=-X main.v=1", "./cmd"], build.Arguments);
        Assert.Equal(DelveLaunchMode.Exec, plan.DelveMode);
        Assert.Equal([temporaryOutput], plan.DelveTargets);
        Assert.Equal(["one", "two words"], plan.ProgramArguments);
        Assert.Equal(package, plan.TargetWorkingDirectory);
        Assert.Equal("hi", plan.Environment["GREETING"]);
        Assert.True(plan.Environment.ContainsKey("GONE"));
        Assert.Null(plan.Environment["GONE"]);

        // The session's own settings go to Delve's remote attach; the launch's own do not.
        Assert.Equal("remote", plan.SessionArguments["mode"]!.GetValue<string>());
        Assert.True(plan.SessionArguments["stopOnEntry"]!.GetValue<bool>());
        Assert.Equal("/build", plan.SessionArguments["substitutePath"]![0]!["to"]!.GetValue<string>());
        Assert.Null(plan.SessionArguments["program"]);
        Assert.Null(plan.SessionArguments["env"]);
    }

    [Fact]
    public void PathsAreReadRelativeToDlvCwdAndBuildFlagsMayBeAnArray()
    {
        var build = workspace.Sub("build");
        var plan = translator.Translate("launch", Arguments("""{"program":".","dlvCwd":"build","output":"out/bin","buildFlags":["-race","-tags","a b"]}"""));

        Assert.Equal("debug", plan.Mode);
        Assert.Equal(build, plan.Build!.Directory);
        Assert.Equal(Path.Combine(build, "out", "bin"), plan.Build.Output);
        Assert.Equal(["-race", "-tags", "a b"], plan.Build.Flags);
        Assert.Equal(build, plan.TargetWorkingDirectory);
    }

    [Fact]
    public void TestModeBuildsATestBinaryAndRunsItInThePackageFolder()
    {
        var package = workspace.Sub("pkg");
        var plan = translator.Translate("launch", Arguments("""{"mode":"test","program":"./pkg","args":["-test.run","TestX"]}"""));

        Assert.Equal(DebugBuildKind.Test, plan.Build!.Kind);
        Assert.Equal(["test", "-c", "-o", temporaryOutput, "-gcflags=all=-N -l", "./pkg"], plan.Build.Arguments);
        Assert.Equal(package, plan.TargetWorkingDirectory);
        Assert.Equal(["-test.run", "TestX"], plan.ProgramArguments);
    }

    [Fact]
    public void TestModeOfAnImportPathLeavesTheFolderToTheGoCommand()
    {
        var plan = translator.Translate("launch", Arguments("""{"mode":"test","program":"example.com/some/pkg"}"""));
        Assert.Null(plan.TargetWorkingDirectory);
    }

    [Theory]
    [InlineData("main_test.go", "test")]
    [InlineData("main.go", "debug")]
    public void AutoModeFollowsTheFileName(string file, string mode)
    {
        File.WriteAllText(Path.Combine(workspace.Path, file), "package main");
        Assert.Equal(mode, translator.Translate("launch", Arguments($$"""{"mode":"auto","program":"{{file}}"}""")).Mode);
    }

    [Fact]
    public void ExecRunsTheBinaryWithBackendAndRedirects()
    {
        var binary = Path.Combine(workspace.Path, "prog");
        File.WriteAllText(binary, "");
        var plan = translator.Translate("launch", Arguments("""{"mode":"exec","program":"prog","backend":"native","stdinFrom":"in.txt"}"""));

        Assert.Null(plan.Build);
        Assert.Equal(DelveLaunchMode.Exec, plan.DelveMode);
        Assert.Equal([binary], plan.DelveTargets);
        Assert.Equal(["--backend=native", "-r", $"stdin:{Path.Combine(workspace.Path, "in.txt")}"], plan.DelveFlags);
    }

    [Fact]
    public void TheDapCommandsBackendAppliesWhenTheLaunchNamesNone()
    {
        File.WriteAllText(Path.Combine(workspace.Path, "prog"), "");
        var withDefault = new LaunchTranslator(workspace.Path, "rr", () => temporaryOutput);
        Assert.Equal(["--backend=rr"], withDefault.Translate("launch", Arguments("""{"mode":"exec","program":"prog"}""")).DelveFlags);
        Assert.Empty(withDefault.Translate("launch", Arguments("""{"mode":"exec","program":"prog","backend":"default"}""")).DelveFlags);
    }

    [Fact]
    public void CoreOpensTheProgramAndTheCore()
    {
        File.WriteAllText(Path.Combine(workspace.Path, "prog"), "");
        File.WriteAllText(Path.Combine(workspace.Path, "core"), "");
        var plan = translator.Translate("launch", Arguments("""{"mode":"core","program":"prog","coreFilePath":"core"}"""));

        Assert.Equal(DelveLaunchMode.Core, plan.DelveMode);
        Assert.Equal([Path.Combine(workspace.Path, "prog"), Path.Combine(workspace.Path, "core")], plan.DelveTargets);
    }

    [Fact]
    public void ReplayReplaysTheTraceDirectory()
    {
        var plan = translator.Translate("launch", Arguments("""{"mode":"replay","traceDirPath":"trace"}"""));
        Assert.Equal(DelveLaunchMode.Replay, plan.DelveMode);
        Assert.Equal([Path.Combine(workspace.Path, "trace")], plan.DelveTargets);
    }

    [Fact]
    public void AttachLocalAttachesToTheProcessIdNumberOrText()
    {
        var own = Environment.ProcessId;
        foreach (var id in new JsonNode[] { own, own.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            var plan = translator.Translate("attach", new JsonObject { ["mode"] = "local", ["processId"] = id, ["stopOnEntry"] = false });
            Assert.Equal("attach", plan.Request);
            Assert.Equal(DelveLaunchMode.Attach, plan.DelveMode);
            Assert.Equal([own.ToString(System.Globalization.CultureInfo.InvariantCulture)], plan.DelveTargets);
            Assert.False(plan.SessionArguments["stopOnEntry"]!.GetValue<bool>());
        }
    }

    [Theory]
    [InlineData("launch", """{}""", true)]
    [InlineData("launch", """{"terminateDebuggee":true}""", true)]
    [InlineData("launch", """{"terminateDebuggee":false}""", false)]
    [InlineData("attach", """{}""", false)]
    [InlineData("attach", """{"terminateDebuggee":true}""", true)]
    public void DisconnectEndsALaunchedProgramUnlessToldNotToAndAnAttachedOneOnlyIfTold(string request, string disconnect, bool terminates)
    {
        File.WriteAllText(Path.Combine(workspace.Path, "prog"), "");
        var plan = request == "launch"
            ? translator.Translate("launch", Arguments("""{"mode":"exec","program":"prog"}"""))
            : translator.Translate("attach", new JsonObject { ["processId"] = Environment.ProcessId });
        Assert.Equal(terminates, plan.TerminatesOnDisconnect(Arguments(disconnect)));
    }

    [Theory]
    [InlineData("launch", """{"mode":"remote","program":"."}""", "unsupported 'mode' attribute \"remote\"")]
    [InlineData("launch", """{"mode":"debug"}""", "The program attribute is missing")]
    [InlineData("launch", """{"mode":"exec","program":"nosuch"}""", "'program'")]
    [InlineData("launch", """{"mode":"exec","program":"."}""", "is a folder")]
    [InlineData("launch", """{"mode":"core","program":"prog"}""", "'coreFilePath' attribute is missing")]
    [InlineData("launch", """{"mode":"replay"}""", "'traceDirPath' attribute is missing")]
    [InlineData("launch", """{"program":".","args":"a b"}""", "'args' must be an array of strings")]
    [InlineData("launch", """{"program":".","env":{"A":1}}""", "'env' value of A")]
    [InlineData("launch", """{"program":".","buildFlags":"-ldflags='-X a"}""", "'buildFlags'")]
    [InlineData("launch", """{"program":".","buildFlags":7}""", "'buildFlags' must be a string or an array of strings")]
    [InlineData("launch", """{"program":".","noDebug":"yes"}""", "'noDebug' must be true or false")]
    [InlineData("launch", """{"mode":"core","program":"prog","coreFilePath":"prog","noDebug":true}""", "noDebug")]
    [InlineData("attach", """{"mode":"remote"}""", "mode 'remote' joins a running server")]
    [InlineData("attach", """{"mode":"local"}""", "'processId' attribute is missing")]
    [InlineData("attach", """{"processId":"abc"}""", "'processId' must be a process id")]
    [InlineData("attach", """{"processId":2147483647}""", "no process with id 2147483647")]
    [InlineData("restart", """{}""", "'restart' is not a launch or attach request")]
    public void RequestsThatCannotBeTranslatedAreRefusedNamingWhy(string request, string arguments, string expected)
    {
        File.WriteAllText(Path.Combine(workspace.Path, "prog"), "");
        var refused = Assert.Throws<LaunchRefusedException>(() => translator.Translate(request, Arguments(arguments)));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    private static JsonObject Arguments(string json) => JsonNode.Parse(json)!.AsObject();
}
