namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A folder of stand-ins for rr and dlv, for testing <c>dlvx replay</c> where rr cannot run. Each
/// behaves as the test's environment variables say: rr answers <c>--version</c> and <c>record</c> (or
/// fails with a line like rr's own); dlv answers <c>version</c>, writes the arguments dlvx gave it to a
/// log, and then either fails the way Delve fails after its listening line, or runs the real dlv on a
/// program with the very flags dlvx passed, so that plugin commands have a real target.
/// </summary>
internal sealed class StandInTools : IDisposable
{
    public StandInTools(bool withRr)
    {
        Folder = Directory.CreateTempSubdirectory("dlvx-standins-").FullName;
        Log = Path.Combine(Folder, "dlv-arguments.log");
        Write("dlv", """
            #!/bin/sh
            # Stand-in dlv for dlvx's replay tests.
            if [ "$1" = version ]; then printf 'Delve Debugger\nVersion: %s\nBuild: stand-in\n' "${STANDIN_DLV_VERSION:-1.20.2}"; exit 0; fi
            printf '%s\n' "$@" > "$STANDIN_LOG"
            if [ -n "$STANDIN_DLV_FAILURE" ]; then
              echo "API server listening at: 127.0.0.1:1"
              echo "$STANDIN_DLV_FAILURE" >&2
              exit 1
            fi
            shift 2
            exec "$STANDIN_REAL_DLV" exec "$STANDIN_TARGET" "$@"
            """);
        if (withRr)
        {
            Write("rr", """
                #!/bin/sh
                # Stand-in rr for dlvx's replay tests.
                case "$1" in
                  --version) echo "rr version ${STANDIN_RR_VERSION:-5.6.0}" ;;
                  record) if [ -n "$STANDIN_RR_FAILURE" ]; then echo "$STANDIN_RR_FAILURE" >&2; exit 1; fi ;;
                  *) echo "stand-in rr: unexpected arguments: $*" >&2; exit 2 ;;
                esac
                """);
        }

        Trace = Path.Combine(Folder, "leaky-0");
        Directory.CreateDirectory(Trace);
        File.WriteAllText(Path.Combine(Trace, "version"), "85\n");
    }

    /// <summary>The folder holding the stand-ins: the whole PATH of the dlvx under test, so no real rr is found.</summary>
    public string Folder { get; }

    /// <summary>Where the stand-in dlv writes the arguments it was given, one per line; absent if it never ran.</summary>
    public string Log { get; }

    /// <summary>A directory that looks like an rr trace.</summary>
    public string Trace { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private void Write(string name, string script)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }
    }
}
