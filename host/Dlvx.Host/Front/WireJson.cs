using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dlvx.Host.Front;

/// <summary>How dlvx writes the messages it answers itself.</summary>
internal static class WireJson
{
    /// <summary>
    /// Relaxed escaping: command output is full of quotes and angle brackets, and escaping them as
    /// \u0022 makes raw protocol traces unreadable. The output is never embedded in HTML.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
