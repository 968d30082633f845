using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>The layout service a command sees: the current process's layout, found on first use.</summary>
internal sealed class StopLayout(StopView view) : IRuntimeLayout
{
    public async Task<string> GetGoVersionAsync(CancellationToken cancellationToken = default) =>
        await (await view.LayoutAsync(cancellationToken)).GetGoVersionAsync(cancellationToken);

    public async Task<GoStructLayout?> FindStructAsync(string typeName, CancellationToken cancellationToken = default) =>
        await (await view.LayoutAsync(cancellationToken)).FindStructAsync(typeName, cancellationToken);

    public async Task<GoStructLayout> GetStructAsync(string typeName, CancellationToken cancellationToken = default) =>
        await (await view.LayoutAsync(cancellationToken)).GetStructAsync(typeName, cancellationToken);

    public async Task<ulong?> FindSizeAsync(string typeName, CancellationToken cancellationToken = default) =>
        await (await view.LayoutAsync(cancellationToken)).FindSizeAsync(typeName, cancellationToken);

    public async Task<long?> FindConstantAsync(string name, CancellationToken cancellationToken = default) =>
        await (await view.LayoutAsync(cancellationToken)).FindConstantAsync(name, cancellationToken);

    public async Task<GoGlobal?> FindGlobalAsync(string name, CancellationToken cancellationToken = default) =>
        await (await view.LayoutAsync(cancellationToken)).FindGlobalAsync(name, cancellationToken);

    public async Task<GoGlobal> GetGlobalAsync(string name, CancellationToken cancellationToken = default) =>
        await (await view.LayoutAsync(cancellationToken)).GetGlobalAsync(name, cancellationToken);

    public async Task<RuntimeLayoutException> MissingAsync(string what, CancellationToken cancellationToken = default) =>
        await (await view.LayoutAsync(cancellationToken)).MissingAsync(what, cancellationToken);
}
