using Dlvx.PluginRuntime.Commands;

namespace Dlvx.Host.Isolation;

/// <summary>A command outcome as it crosses the worker boundary (data as JSON text).</summary>
internal sealed class WorkerOutcome
{
    public string Command { get; set; } = "";

    public bool Succeeded { get; set; }

    public string Text { get; set; } = "";

    public string? DataJson { get; set; }

    public static WorkerOutcome From(CommandOutcome outcome) => new()
    {
        Command = outcome.Command,
        Succeeded = outcome.Succeeded,
        Text = outcome.Text,
        DataJson = outcome.Data?.GetRawText(),
    };

    public CommandOutcome ToOutcome() => new(
        Command,
        Succeeded,
        Text,
        DataJson is null ? null : System.Text.Json.JsonDocument.Parse(DataJson).RootElement.Clone());
}
