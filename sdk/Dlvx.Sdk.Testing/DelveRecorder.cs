using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing.Recording;

namespace Dlvx.Sdk.Testing;

/// <summary>
/// Records what a command asks a real Delve and what Delve answers, to replay it later in a unit test
/// with no Go and no dlv (see <see cref="DelveRecording"/>).
/// </summary>
/// <remarks>
/// <para>
/// Give <see cref="Delve"/> to the <see cref="CommandRunner"/> in place of the session's client: every
/// request goes through it, the host's own (the running-target check) and the runtime services'
/// (<see cref="Dlvx.Sdk.Runtime.IGoValues"/>, <see cref="Dlvx.Sdk.Runtime.ITargetMemory"/>...) included.
/// Then save the recording next to the test with <see cref="SaveAsync"/>.
/// </para>
/// <para>
/// Starting a recorder sets <c>DLVX_DIRECT_MEMORY=0</c> for the test process: the runtime services then
/// read target memory through Delve, where it is recorded, instead of from <c>/proc/PID/mem</c>. Other
/// sessions in the same process read the same bytes, more slowly.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var session = await DelveSession.StartAsync(binary, stopAt: "main.stop");
/// var recorder = DelveRecorder.Start(session.Delve);
/// await using var runner = CommandRunner.ForAssembly(typeof(LeaksCommand).Assembly, recorder.Delve);
/// var result = await runner.RunAsync("leaks -top 3");
/// await recorder.SaveAsync("recordings/leaks.jsonl");
/// </code>
/// </example>
public sealed class DelveRecorder
{
    private readonly RecordingDelveClient client;

    private DelveRecorder(IDelveClient delve)
    {
        MemoryThroughDelve.Require();
        client = new RecordingDelveClient(delve);
    }

    /// <summary>
    /// A client that passes every request on to the session's client and records it with Delve's answer.
    /// Delve's errors are recorded too, and replayed as the same exceptions.
    /// </summary>
    public IDelveClient Delve => client;

    /// <summary>How many requests have been answered and recorded so far.</summary>
    public int Count => client.Exchanges.Count;

    /// <summary>Starts recording the requests made through <see cref="Delve"/>.</summary>
    /// <param name="delve">A real session's client, such as <see cref="DelveSession.Delve"/>.</param>
    public static DelveRecorder Start(IDelveClient delve)
    {
        ArgumentNullException.ThrowIfNull(delve);
        return new DelveRecorder(delve);
    }

    /// <summary>
    /// Writes what has been recorded to <paramref name="path"/> (creating its folder), replacing any
    /// recording there: JSON lines, a header and then one request with its answer per line, in the order
    /// the requests were sent.
    /// </summary>
    /// <param name="path">The file, for example <c>recordings/leaks.jsonl</c> beside the test's source.</param>
    /// <param name="cancellationToken">Stops writing; the previous file, if any, is left as it was.</param>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return RecordingFile.WriteAsync(path, client.Exchanges, cancellationToken);
    }
}
