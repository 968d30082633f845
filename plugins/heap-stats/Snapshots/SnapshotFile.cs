using System.Text.Json;
using Dlvx.Sdk;

using Dlvx.Plugins.HeapStats.Statistics;

namespace Dlvx.Plugins.HeapStats.Snapshots;

/// <summary>Reads and writes snapshots as indented JSON files (one snapshot per file).</summary>
internal static class SnapshotFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static async Task SaveAsync(HeapSnapshot snapshot, string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.Create(path);
            await JsonSerializer.SerializeAsync(file, snapshot, Options, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"cannot save the snapshot to {path}: {e.Message}", e);
        }
    }

    public static async Task<HeapSnapshot> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            var snapshot = await JsonSerializer.DeserializeAsync<HeapSnapshot>(file, Options, cancellationToken);
            return snapshot is { Stats: not null } && snapshot.Name is not null
                ? snapshot
                : throw new CommandException($"{path} does not hold a heap-stats snapshot");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"cannot load a snapshot from {path}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new CommandException($"{path} does not hold a heap-stats snapshot: {e.Message}", e);
        }
    }
}
