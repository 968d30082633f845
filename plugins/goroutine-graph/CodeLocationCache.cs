using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>
/// Hands out one <see cref="CodeLocation"/> per distinct place. A hundred thousand goroutines stand at
/// a few hundred places; sharing them keeps the strings of each listing page from staying alive.
/// </summary>
internal sealed class CodeLocationCache
{
    private readonly Dictionary<(string Function, string File, int Line), CodeLocation> locations = [];

    public CodeLocation Get(Location location)
    {
        var key = (location.Function?.Name ?? "?", location.File, location.Line);
        if (!locations.TryGetValue(key, out var shared))
        {
            shared = new CodeLocation(key.Item1, key.File, key.Line);
            locations.Add(key, shared);
        }

        return shared;
    }
}
