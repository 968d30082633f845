using Dlvx.Host.Report.Views;

namespace Dlvx.Host.Report;

/// <summary>A section of the report: its anchor, its title, the plugin command that fills it, and how its data is drawn.</summary>
/// <param name="Id">The HTML id (and <c>data-section</c>) of the section.</param>
/// <param name="Title">Its heading.</param>
/// <param name="Command">The command line run through dlvx, name first.</param>
/// <param name="View">Draws the command's data as HTML and SVG.</param>
internal sealed record PlannedSection(string Id, string Title, IReadOnlyList<string> Command, ISectionView View)
{
    /// <summary>The command's name, as dlvx lists it.</summary>
    public string CommandName => Command[0];

    /// <summary>The command line as a user would type it.</summary>
    public string CommandLine => string.Join(' ', Command);
}
