namespace Dlvx.Host.Report;

/// <summary>How a report section came out.</summary>
internal enum SectionOutcome
{
    /// <summary>Its command ran and answered.</summary>
    Ok,

    /// <summary>Its command ran and failed; the section shows the error.</summary>
    Failed,

    /// <summary>Its command is not loaded in this dlvx (its plugin is missing); the section says so.</summary>
    NotAvailable,
}
