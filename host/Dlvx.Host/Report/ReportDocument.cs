namespace Dlvx.Host.Report;

/// <summary>Everything the page is written from.</summary>
/// <param name="Address">The dlvx the sections were gathered from.</param>
/// <param name="Generated">When.</param>
/// <param name="DlvxVersion">The dlvx that wrote it.</param>
/// <param name="Sections">The sections in page order.</param>
internal sealed record ReportDocument(string Address, DateTimeOffset Generated, string DlvxVersion, IReadOnlyList<ReportSection> Sections);
