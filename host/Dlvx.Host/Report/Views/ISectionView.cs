using System.Text;
using System.Text.Json;

namespace Dlvx.Host.Report.Views;

/// <summary>Draws one command's structured data as HTML (tables) and inline SVG (charts, diagrams).</summary>
internal interface ISectionView
{
    /// <summary>Appends the section's body.</summary>
    /// <exception cref="KeyNotFoundException">The data lacks a field the view needs (a plugin of another shape); the page then shows the command's text instead.</exception>
    /// <exception cref="InvalidOperationException">A field has another JSON type than the view expects.</exception>
    void Render(JsonElement data, StringBuilder html);
}
