namespace Dlvx.Host.Api;

/// <summary>The argument of <c>Dlvx.ReloadPlugins</c>: an empty object.</summary>
internal sealed record ReloadPluginsRequest;
