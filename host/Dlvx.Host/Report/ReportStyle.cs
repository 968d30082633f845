namespace Dlvx.Host.Report;

/// <summary>The page's only style sheet, inlined: no web font, no image, nothing fetched; a print layout without the navigation.</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #f6f8fa; --accent: #4e79a7; --bad: #c93c37; --good: #2f7d32; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
        header { padding: 20px 32px 12px; border-bottom: 1px solid var(--line); background: var(--soft); }
        header h1 { margin: 0 0 4px; font-size: 22px; }
        header p { margin: 0; color: var(--muted); }
        nav ol { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 10px 0 0; }
        nav a { color: var(--accent); text-decoration: none; }
        nav .failed a { color: var(--bad); }
        nav .notavailable a { color: var(--muted); }
        main { padding: 8px 32px 32px; max-width: 1180px; }
        section { border-top: 1px solid var(--line); padding: 10px 0 18px; }
        section h2 { font-size: 18px; margin: 8px 0 6px; display: flex; align-items: baseline; gap: 12px; }
        section h2 code { font-size: 12px; font-weight: normal; color: var(--muted); }
        h3 { font-size: 14px; margin: 14px 0 6px; }
        code, pre, .regions td { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
        pre { background: var(--soft); border: 1px solid var(--line); padding: 8px 10px; overflow-x: auto; white-space: pre; }
        .muted { color: var(--muted); }
        .error { color: var(--bad); }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 6px 18px; margin: 6px 0 10px; }
        .facts div { border-left: 3px solid var(--accent); padding: 2px 8px; }
        .facts dt { font-size: 12px; color: var(--muted); }
        .facts dd { margin: 0; font-weight: 600; }
        table { border-collapse: collapse; margin: 6px 0 10px; }
        th, td { border-bottom: 1px solid var(--line); padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
        th { font-size: 12px; color: var(--muted); font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .crosscheck td:last-child { font-weight: 600; }
        svg text { fill: var(--ink); font-family: inherit; }
        svg .label { fill: var(--ink); }
        svg .value { fill: var(--muted); }
        .strip { display: block; margin: 6px 0; border: 1px solid var(--line); }
        .legend { list-style: none; padding: 0; margin: 4px 0 10px; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 12px; }
        .legend .swatch { vertical-align: -1px; margin-right: 5px; }
        .scroll { overflow-x: auto; }
        .findings li { margin: 2px 0; }
        details.output summary { cursor: pointer; color: var(--muted); font-size: 12px; }
        details.regions summary { cursor: pointer; }
        details.regions summary h3 { display: inline; }
        footer { padding: 12px 32px 24px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
        @media print {
          nav, details.output { display: none; }
          header { background: none; }
          main { max-width: none; padding: 0 12px; }
          section { break-inside: avoid-page; }
          .scroll { overflow: visible; }
          svg.diagram, svg.chart { max-width: 100%; height: auto; }
          details.regions::details-content { content-visibility: visible; display: block; }
        }
        """;
}
