namespace Dlvx.Host.Install;

/// <summary>A .nupkg on local disk, ready to be inspected.</summary>
/// <param name="Path">The file.</param>
/// <param name="Source">Where it came from, recorded so that <c>update</c> can look there again.</param>
internal sealed record DownloadedPackage(string Path, string Source);
