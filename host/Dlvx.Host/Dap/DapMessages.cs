using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;

namespace Dlvx.Host.Dap;

/// <summary>The DAP messages dlvx writes itself, framed and ready to send.</summary>
internal static class DapMessages
{
    /// <summary>A response to <paramref name="requestSeq"/>. Delve sends <c>seq</c> 0 on everything it emits; so does dlvx.</summary>
    /// <param name="requestSeq">The request answered.</param>
    /// <param name="command">The request's command.</param>
    /// <param name="success">Whether it succeeded.</param>
    /// <param name="message">On failure, the error. Only <c>message</c>: a <c>body.error</c> format would have braces in the text taken as placeholders.</param>
    /// <param name="body">On success, the body.</param>
    public static byte[] Response(long requestSeq, string? command, bool success, string? message = null, JsonObject? body = null)
    {
        var response = new JsonObject { ["seq"] = 0, ["type"] = "response", ["request_seq"] = requestSeq, ["success"] = success, ["command"] = command };
        if (message is not null)
        {
            response["message"] = message;
        }

        if (body is not null)
        {
            response["body"] = body;
        }

        return Frame(response);
    }

    /// <summary>An <c>output</c> event: text for the debug console.</summary>
    public static byte[] Output(string text, string category) =>
        Frame(new JsonObject { ["seq"] = 0, ["type"] = "event", ["event"] = "output", ["body"] = new JsonObject { ["category"] = category, ["output"] = text } });

    /// <summary>Header and body in one buffer.</summary>
    public static byte[] Frame(JsonObject message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, DlvxApiJson.Options);
        var header = DapHeader.For(body.Length);
        var raw = new byte[header.Length + body.Length];
        header.CopyTo(raw, 0);
        body.CopyTo(raw, header.Length);
        return raw;
    }
}
