using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing.Recording;

namespace Dlvx.Sdk.Testing;

/// <summary>
/// A recording made with <see cref="DelveRecorder"/>, replayed: <see cref="Delve"/> answers a command's
/// requests from the file, with no Go, no dlv and no target process, in milliseconds.
/// </summary>
/// <remarks>
/// <para>
/// A request is matched by its method and its params (compared as JSON). The same request asked
/// several times gets the recorded answers in recorded order; different requests may come in any
/// order, as concurrent ones do. Recorded errors are thrown as the same <see cref="DelveException"/>
/// types. A request the recording does not answer, or asked more often than it was recorded, throws
/// <see cref="DelveReplayException"/> naming the request and the file, and is listed in <see cref="Misses"/>.
/// </para>
/// <para>
/// Loading a recording sets <c>DLVX_DIRECT_MEMORY=0</c> for the test process, so the runtime services
/// read memory through the recorded <c>ExamineMemory</c> answers instead of trying the recorded process id.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var recording = await DelveRecording.LoadAsync(Path.Combine(AppContext.BaseDirectory, "recordings", "leaks.jsonl"));
/// await using var runner = CommandRunner.ForAssembly(typeof(LeaksCommand).Assembly, recording.Delve);
/// var result = (await runner.RunAsync("leaks -top 3")).EnsureSuccess();
/// </code>
/// </example>
public sealed class DelveRecording
{
    private readonly ReplayingDelveClient client;

    private DelveRecording(string path, ReplayingDelveClient client)
    {
        Path = path;
        this.client = client;
    }

    /// <summary>The file the recording was read from.</summary>
    public string Path { get; }

    /// <summary>A client that answers from the recording. Each loaded recording is replayed once: load it again for another run.</summary>
    public IDelveClient Delve => client;

    /// <summary>The requests the recording could not answer so far, each as the message thrown for it.</summary>
    public IReadOnlyList<string> Misses => client.Misses;

    /// <summary>Recorded requests not asked so far (method and params), in recorded order.</summary>
    public IReadOnlyList<string> Unused => client.Unused;

    /// <summary>Reads a recording.</summary>
    /// <param name="path">A file written by <see cref="DelveRecorder.SaveAsync"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>; the message says how to make one.</exception>
    /// <exception cref="InvalidDataException">The file is not a recording this kit reads; the message names the line.</exception>
    public static async Task<DelveRecording> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var exchanges = await RecordingFile.ReadAsync(path, cancellationToken);
        MemoryThroughDelve.Require();
        return new DelveRecording(path, new ReplayingDelveClient(path, exchanges));
    }
}
