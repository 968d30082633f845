using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>
/// Hands out one <see cref="CodeLocation"/> per distinct place. A hundred thousand goroutines stand at
/// a few hundred places; sharing them keeps the strings of each listing page from staying alive.
/// </summary>
internal sealed class CodeLocationCache
{
    private readonly Dictionary<(string Function, string File, int Line), CodeLocation> locations = [];

    // The goroutine listing shares one Location among the goroutines of a stack shape.
    private readonly Dictionary<Location, CodeLocation> byInstance = new(ReferenceEqualityComparer.Instance);

    public CodeLocation Get(Location location)
    {
        if (byInstance.TryGetValue(location, out var known))
        {
            return known;
        }

        byInstance[location] = known = ByPlace(location);
        return known;
    }

    private CodeLocation ByPlace(Location location)
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
