namespace Dlvx.TestPlugins.Newtonsoft;

/// <summary>What <see cref="NewtonsoftReportCommand"/> serialises.</summary>
public sealed record NewtonsoftSample(string Name, int[] Numbers, DateTime When);
