namespace Dlvx.Bench;

/// <summary>One row of the report.</summary>
/// <param name="Scenario">What was measured.</param>
/// <param name="Budget">The budget, as text.</param>
/// <param name="Direct">Plain Delve (or the baseline), if measured.</param>
/// <param name="Through">Through dlvx.</param>
/// <param name="Figure">The figure compared with the budget, as text.</param>
/// <param name="Met">Whether the budget holds.</param>
/// <param name="Note">How it was measured.</param>
internal sealed record ScenarioResult(string Scenario, string Budget, Samples? Direct, Samples? Through, string Figure, bool Met, string Note);
