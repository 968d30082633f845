using System.Text.Json;

namespace Dlvx.Host.Report;

/// <summary>One section of the report as it was gathered.</summary>
/// <param name="Plan">What the section is and which command fills it.</param>
/// <param name="Outcome">Whether the command answered.</param>
/// <param name="Text">The command's text output (or the error, or why it is not available).</param>
/// <param name="Data">The command's structured data when it answered.</param>
internal sealed record ReportSection(PlannedSection Plan, SectionOutcome Outcome, string Text, JsonElement? Data);
