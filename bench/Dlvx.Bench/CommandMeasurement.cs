namespace Dlvx.Bench;

/// <summary>A plugin command's runs: wall times, the host's peak resident memory, and where the time went.</summary>
/// <param name="Samples">Wall time of each run, in ms.</param>
/// <param name="PeakResidentBytes">dlvx's peak VmRSS over the runs.</param>
/// <param name="Breakdown">Per run (medians): dlvx's CPU, Delve's CPU, and Delve requests and round trips.</param>
internal sealed record CommandMeasurement(Samples Samples, long PeakResidentBytes, string Breakdown);
