using System.Collections.Concurrent;
using System.Globalization;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// Learns the target's runtime layout through Delve, which reads the target's DWARF: a struct's
/// fields from one Eval of <c>*(*[2]T)(addr)</c> (the second element's address gives the size), a
/// constant or a variable from one Eval of its name. Everything learned is kept for the life of the
/// target process (a layout cannot change while the binary runs).
/// </summary>
/// <remarks>
/// The sample address is <c>runtime.mheap_</c>'s, in the runtime's bss: readable, and followed by
/// enough mapped bss for two copies of any runtime struct. Delve reads only what the load
/// configuration asks for, so the values there do not matter, only their addresses.
/// </remarks>
internal sealed class DelveRuntimeLayout(IDelveClient delve) : IRuntimeLayout
{
    private static readonly LoadConfig FieldsOnly = new() { FollowPointers = false, MaxVariableRecurse = 1, MaxStringLen = 0, MaxArrayValues = 2, MaxStructFields = -1 };
    private static readonly LoadConfig AddressesOnly = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 2, MaxStructFields = 0 };
    private static readonly LoadConfig Bare = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };

    private readonly ConcurrentDictionary<string, Task<GoStructLayout?>> structs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<ulong?>> sizes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<long?>> constants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<GoGlobal?>> globals = new(StringComparer.Ordinal);
    private readonly Lazy<Task<string>> goVersion = new(() => ReadGoVersionAsync(delve));
    private Task<ulong>? sampleAddress;

    public Task<string> GetGoVersionAsync(CancellationToken cancellationToken = default) => goVersion.Value.WaitAsync(cancellationToken);

    public Task<GoStructLayout?> FindStructAsync(string typeName, CancellationToken cancellationToken = default) =>
        Cached(structs, TypeNames.Normalize(typeName), name => LearnStructAsync(name, CancellationToken.None)).WaitAsync(cancellationToken);

    public async Task<GoStructLayout> GetStructAsync(string typeName, CancellationToken cancellationToken = default) =>
        await FindStructAsync(typeName, cancellationToken) ?? throw await MissingAsync("type " + typeName, cancellationToken);

    public Task<long?> FindConstantAsync(string name, CancellationToken cancellationToken = default) =>
        Cached(constants, name, n => ReadConstantAsync(n, CancellationToken.None)).WaitAsync(cancellationToken);

    public Task<GoGlobal?> FindGlobalAsync(string name, CancellationToken cancellationToken = default) =>
        Cached(globals, name, n => ReadGlobalAsync(n, CancellationToken.None)).WaitAsync(cancellationToken);

    public async Task<GoGlobal> GetGlobalAsync(string name, CancellationToken cancellationToken = default) =>
        await FindGlobalAsync(name, cancellationToken) ?? throw await MissingAsync("variable " + name, cancellationToken);

    public async Task<RuntimeLayoutException> MissingAsync(string what, CancellationToken cancellationToken = default) =>
        RuntimeLayoutException.Missing(what, await GetGoVersionAsync(cancellationToken));

    public Task<ulong?> FindSizeAsync(string typeName, CancellationToken cancellationToken = default) =>
        Cached(sizes, TypeNames.Normalize(typeName), name => LearnSizeAsync(name, CancellationToken.None)).WaitAsync(cancellationToken);

    // Learning is shared by every caller that asks for the same name, so one caller's cancellation
    // must not fail the others: the learning itself runs uncancelled (it is one or two requests).
    private static Task<T> Cached<T>(ConcurrentDictionary<string, Task<T>> cache, string key, Func<string, Task<T>> learn)
    {
        if (cache.TryGetValue(key, out var known) && !known.IsFaulted)
        {
            return known;
        }

        var task = cache.AddOrUpdate(key, learn, (k, old) => old.IsFaulted ? learn(k) : old);
        return task;
    }

    private static async Task<string> ReadGoVersionAsync(IDelveClient delve) =>
        TypeNames.GoRelease((await delve.GetVersionAsync(CancellationToken.None)).TargetGoVersion);

    private Task<ulong> SampleAddressAsync() => sampleAddress ??= ReadSampleAddressAsync();

    private async Task<ulong> ReadSampleAddressAsync()
    {
        var heap = await delve.EvalAsync("runtime.mheap_", EvalScope.Current, Bare, CancellationToken.None);
        return heap.Addr;
    }

    private async Task<GoStructLayout?> LearnStructAsync(string typeName, CancellationToken cancellationToken)
    {
        var at = await SampleAddressAsync();
        Variable pair;
        try
        {
            pair = await delve.EvalAsync(TypeNames.At("[2]" + typeName, at), EvalScope.Current, FieldsOnly, cancellationToken);
        }
        catch (DelveException e) when (IsAbsent(e))
        {
            return null;
        }

        if (pair.Children.Count < 2 || pair.Children[0].Kind != GoKind.Struct)
        {
            return null;
        }

        var first = pair.Children[0];
        var size = pair.Children[1].Addr - first.Addr;
        var fields = first.Children;

        // Aggregate fields (structs, arrays) learn their sizes together: one pipelined batch.
        var aggregateSizes = await Task.WhenAll(fields.Select(f => ScalarSizes.Of(TypeNames.Normalize(f.Type), f.Kind) is { } known ? Task.FromResult<ulong?>(known) : FindSizeAsync(f.Type, cancellationToken)));
        var result = new List<GoField>(fields.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            var offset = fields[i].Addr - first.Addr;

            // A field whose type Delve cannot name again (rare: some anonymous types) spans up to the
            // next one; no field spans past it.
            var next = i + 1 < fields.Count ? fields[i + 1].Addr - first.Addr : size;
            result.Add(new GoField(fields[i].Name, offset, Math.Min(aggregateSizes[i] ?? ulong.MaxValue, next - offset), TypeNames.Normalize(fields[i].Type), fields[i].Kind));
        }

        return new GoStructLayout(typeName, size, result, await GetGoVersionAsync(cancellationToken));
    }

    private async Task<ulong?> LearnSizeAsync(string typeName, CancellationToken cancellationToken)
    {
        try
        {
            var pair = await delve.EvalAsync(TypeNames.At("[2]" + typeName, await SampleAddressAsync()), EvalScope.Current, AddressesOnly, cancellationToken);
            return pair.Children.Count == 2 ? pair.Children[1].Addr - pair.Children[0].Addr : null;
        }
        catch (DelveException e) when (IsAbsent(e))
        {
            return null;
        }
    }

    private async Task<long?> ReadConstantAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var value = await delve.EvalAsync(name, EvalScope.Current, Bare, cancellationToken);
            return long.TryParse(value.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
        }
        catch (DelveException e) when (IsAbsent(e))
        {
            return null;
        }
    }

    // Delve says "not there" in several ways: an unknown symbol, an unknown package in a quoted path
    // ("internal/abi" (type string) is not a struct), a missing member. Only a lost connection, a
    // running or exited target is a real failure.
    private static bool IsAbsent(DelveException e) => e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException;

    private async Task<GoGlobal?> ReadGlobalAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var value = await delve.EvalAsync(name, EvalScope.Current, Bare, cancellationToken);
            return value.Addr == 0 ? null : new GoGlobal(name, value.Addr, TypeNames.Normalize(value.Type));
        }
        catch (DelveException e) when (IsAbsent(e))
        {
            return null;
        }
    }
}
