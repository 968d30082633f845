namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>Where the bytes of a stopped target come from.</summary>
internal interface IMemorySource
{
    /// <summary>The longest read the source serves in one request.</summary>
    int MaxReadLength { get; }

    /// <summary>How many reads are worth having in flight at once.</summary>
    int ReadsInFlight { get; }

    /// <summary>Reads exactly <paramref name="length"/> bytes, or returns null if any of them cannot be read.</summary>
    Task<byte[]?> ReadAsync(ulong address, int length, CancellationToken cancellationToken);
}
