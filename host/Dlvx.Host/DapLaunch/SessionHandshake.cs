using System.Text.Json.Nodes;

namespace Dlvx.Host.DapLaunch;

/// <summary>What Delve answered when <see cref="DapSessionRelay"/> opened the editor's session.</summary>
/// <param name="InitializeResponse">Delve's answer to the editor's <c>initialize</c>: its real capabilities.</param>
/// <param name="AttachResponse">Delve's answer to the remote <c>attach</c>.</param>
/// <param name="Events">Events Delve sent meanwhile (<c>capabilities</c>, <c>initialized</c>), in order.</param>
internal sealed record SessionHandshake(JsonObject InitializeResponse, JsonObject AttachResponse, IReadOnlyList<JsonObject> Events);
