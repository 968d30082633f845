namespace Dlvx.TestPlugins.Newtonsoft;

/// <summary>What <see cref="NewtonsoftReportCommand"/> found.</summary>
/// <param name="AssemblyVersion">Newtonsoft.Json's assembly version (12.0.0.0 or 13.0.0.0).</param>
/// <param name="FileVersion">Its file version, which tells 13.0.3 from the host's 13.0.4.</param>
/// <param name="LoadContext">The name of the load context it was loaded into.</param>
/// <param name="SameContextAsPlugin">Whether that is the plugin's own load context.</param>
/// <param name="Serialised">A sample serialised with it.</param>
public sealed record NewtonsoftReport(string AssemblyVersion, string FileVersion, string LoadContext, bool SameContextAsPlugin, string Serialised);
