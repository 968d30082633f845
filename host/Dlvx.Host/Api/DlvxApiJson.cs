using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dlvx.Host.Api;

/// <summary>How dlvx writes the messages it answers itself (JSON-RPC and DAP) and reads its API's requests.</summary>
internal static class DlvxApiJson
{
    /// <summary>
    /// Relaxed escaping: command output is full of quotes and angle brackets, and escaping them as
    /// \u0022 makes raw protocol traces unreadable (the output is never embedded in HTML). Members
    /// match case-insensitively, as Go's encoding/json matches them in Delve's own requests.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
    };
}
