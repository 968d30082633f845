using System.Reflection;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>
/// Passes every call to a real Delve client but lets a test change some answers, to show how
/// heap-stats behaves on a runtime laid out differently (another Go version).
/// </summary>
public class RewritingDelveClient : DispatchProxy
{
    private IDelveClient inner = null!;
    private Func<string, Variable, Variable> rewriteEval = (_, v) => v;
    private string goVersion = "";

    public static IDelveClient Create(IDelveClient inner, Func<string, Variable, Variable> rewriteEval, string goVersion)
    {
        var proxy = Create<IDelveClient, RewritingDelveClient>();
        var rewriting = (RewritingDelveClient)(object)proxy;
        rewriting.inner = inner;
        rewriting.rewriteEval = rewriteEval;
        rewriting.goVersion = goVersion;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IDelveClient.GetVersionAsync))
        {
            return RewriteVersionAsync((CancellationToken)args![0]!);
        }

        var result = targetMethod.Invoke(inner, args);
        return targetMethod.Name == nameof(IDelveClient.EvalAsync) ? RewriteEvalAsync((string)args![0]!, (Task<Variable>)result!) : result;
    }

    private async Task<Variable> RewriteEvalAsync(string expression, Task<Variable> evaluation) => rewriteEval(expression, await evaluation);

    private async Task<VersionInfo> RewriteVersionAsync(CancellationToken cancellationToken)
    {
        var version = await inner.GetVersionAsync(cancellationToken);
        version.TargetGoVersion = goVersion;
        return version;
    }
}
