/// A self-contained XHTML page: inline CSS, inline SVG charts, no scripts, fonts or network.
/// Every text passed in is escaped; the page parses as XML.
public struct HTMLReport: Sendable {
  public var title: String
  var body = ""

  public init(title: String) { self.title = title }

  /// A section heading and an optional paragraph.
  public mutating func section(_ heading: String, _ text: String = "") {
    body += "<h2>\(SVGText.escape(heading))</h2>"
    if !text.isEmpty { body += "<p>\(SVGText.escape(text))</p>" }
  }

  /// A paragraph.
  public mutating func paragraph(_ text: String) { body += "<p>\(SVGText.escape(text))</p>" }

  /// A table; `numeric` columns are right-aligned.
  public mutating func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) {
    body += "<table><thead><tr>" + header.map { "<th>\(SVGText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
    for r in rows {
      body += "<tr>" + r.enumerated().map { i, c in
        numeric.contains(i) ? "<td class=\"n\">\(SVGText.escape(c))</td>" : "<td>\(SVGText.escape(c))</td>"
      }.joined() + "</tr>"
    }
    body += "</tbody></table>"
  }

  /// A chart (an `<svg>` element made by this module).
  public mutating func chart(_ svg: String) { body += "<div class=\"fig\">\(svg)</div>" }

  /// Charts side by side.
  public mutating func charts(_ svgs: [String]) { body += "<div class=\"grid\">" + svgs.map { "<div class=\"fig\">\($0)</div>" }.joined() + "</div>" }

  static let style = """
    body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1340px;color:#222;padding:0 16px}
    h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
    table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
    td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f5f5f5}
    .grid{display:flex;flex-wrap:wrap;gap:8px}.fig{margin:6px 0}
    svg.chart{font-size:11px;background:#fff}svg.chart .ct{font-size:13px;font-weight:600}
    svg.chart .ax line{stroke:#555}svg.chart .ax line.gr{stroke:#e5e5e5}svg.chart .at{font-size:12px}
    svg.chart .nd{fill:#999;font-size:14px}p.note{color:#555;font-size:13px}
    """

  /// The whole page.
  public var xhtml: String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>"
      + "<meta charset=\"UTF-8\"/><title>\(SVGText.escape(title))</title><style>\(HTMLReport.style)</style></head><body>"
      + "<h1>\(SVGText.escape(title))</h1>" + body + "</body></html>\n"
  }
}
