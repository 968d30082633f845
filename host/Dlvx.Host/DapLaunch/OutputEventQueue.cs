using System.Threading.Channels;
using Dlvx.Host.Dap;
using Dlvx.Host.Front;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// The program's output on its way to the editor as DAP <c>output</c> events, one line per event, in
/// the order the lines were read. Lines arrive on the threads that read the program's pipes; one
/// writer sends them, so a burst of lines can never overtake itself on the way to the editor.
/// </summary>
internal sealed class OutputEventQueue : IAsyncDisposable
{
    private readonly Channel<byte[]> events = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task sending;

    public OutputEventQueue(ClientWriter client) => sending = SendAsync(client);

    /// <summary>Queues one line of the program's output: <paramref name="category"/> is stdout, stderr or console.</summary>
    public void Add(string line, string category) => events.Writer.TryWrite(DapMessages.Output(line + "\n", category));

    /// <summary>Sends what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        events.Writer.TryComplete();
        await sending.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    private async Task SendAsync(ClientWriter client)
    {
        await foreach (var message in events.Reader.ReadAllAsync())
        {
            await client.WriteAsync(message, CancellationToken.None);
        }
    }
}
