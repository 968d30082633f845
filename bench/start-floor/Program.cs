using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

// The start-time floor for any .NET host in front of Delve: start the runtime, launch
// `dlv exec --headless`, wait for Delve's listening line, open a loopback port and say so.
// It parses no options, loads no plugins and serves nothing; the benchmark compares dlvx with it.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Dlvx.Bench.StartFloor TARGET_BINARY");
    return 2;
}

using var delve = Process.Start(new ProcessStartInfo("dlv", ["exec", args[0], "--headless", "--accept-multiclient", "--api-version=2", "--listen=127.0.0.1:0"])
{
    RedirectStandardOutput = true,
})!;
while (delve.StandardOutput.ReadLine() is { } line && !line.StartsWith("API server listening at:", StringComparison.Ordinal))
{
}

using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
listener.Listen();
Console.Out.WriteLine($"floor listening at: {listener.LocalEndPoint}");

// Stay up until standard input closes; the benchmark kills the whole tree before that.
Console.In.ReadToEnd();
delve.Kill(entireProcessTree: true);
return 0;
