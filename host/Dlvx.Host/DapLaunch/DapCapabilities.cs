using System.Text.Json.Nodes;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// What dlvx answers to <c>initialize</c> before any Delve exists, and what it tells the editor once
/// the session's Delve has answered the same request.
/// </summary>
/// <remarks>
/// The editor's <c>initialize</c> comes before its <c>launch</c>, so before dlvx knows which Delve
/// will serve the session. dlvx answers with what every Delve it supports offers (Delve 1.20's
/// answer), and after the launch passes the editor's request to the real Delve and sends the
/// differences as a DAP <c>capabilities</c> event, which lets an adapter change its capabilities.
/// </remarks>
internal static class DapCapabilities
{
    /// <summary>
    /// Never passed on: a restart must build the program again, which the editor's own restart (a new
    /// session) does and a restart inside Delve does not; and whether the editor may leave the target
    /// running is dlvx's decision, not the headless Delve's (see <see cref="DapClientSession"/>).
    /// </summary>
    private static readonly HashSet<string> DecidedByDlvx = new(StringComparer.Ordinal) { "supportsRestartRequest", "supportTerminateDebuggee" };

    /// <summary>The capabilities Delve 1.20.2 to 1.27.1 all answer with (service/dap/server.go, onInitializeRequest).</summary>
    public static JsonObject Baseline() => new()
    {
        ["supportsConfigurationDoneRequest"] = true,
        ["supportsConditionalBreakpoints"] = true,
        ["supportsDelayedStackTraceLoading"] = true,
        ["supportsFunctionBreakpoints"] = true,
        ["supportsInstructionBreakpoints"] = true,
        ["supportsExceptionInfoRequest"] = true,
        ["supportsSetVariable"] = true,
        ["supportsEvaluateForHovers"] = true,
        ["supportsClipboardContext"] = true,
        ["supportsSteppingGranularity"] = true,
        ["supportsLogPoints"] = true,
        ["supportsDisassembleRequest"] = true,
    };

    /// <summary>
    /// The capabilities in Delve's answer that differ from <see cref="Baseline"/> (those it lacks are
    /// false), or null when there are none.
    /// </summary>
    public static JsonObject? Changes(JsonObject? delveCapabilities)
    {
        var baseline = Baseline();
        var changes = new JsonObject();
        foreach (var (name, value) in delveCapabilities ?? [])
        {
            if (!DecidedByDlvx.Contains(name) && !JsonNode.DeepEquals(baseline[name], value) && !(value is JsonValue v && v.TryGetValue<bool>(out var b) && !b && baseline[name] is null))
            {
                changes[name] = value?.DeepClone();
            }
        }

        foreach (var (name, _) in baseline)
        {
            if (delveCapabilities?[name] is null)
            {
                changes[name] = false;
            }
        }

        return changes.Count == 0 ? null : changes;
    }

    /// <summary>Whether an event from Delve is a <c>capabilities</c> event about something dlvx decides.</summary>
    public static bool IsDecidedByDlvx(JsonObject capabilitiesEvent) =>
        capabilitiesEvent["body"]?["capabilities"] is JsonObject capabilities && capabilities.Count > 0 && capabilities.All(c => DecidedByDlvx.Contains(c.Key));
}
