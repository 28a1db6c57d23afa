/// A line chart as inline SVG: series of (x, y) points on linear or log scales, axes with ticks
/// at round numbers and titles with their units, a legend, a hover title on every point, gaps
/// where a value is not finite, and a marker for a series of a single point. Every text is
/// XML-escaped, so scenario-provided names are safe.
public struct SVGLineChart: Sendable {
  /// One line: its name (legend) and points.
  public struct Series: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    public init(name: String, points: [(x: Double, y: Double)]) { self.name = name; self.points = points }
  }

  public var title: String
  public var xTitle: String
  public var yTitle: String
  public var series: [Series]
  public var yScaleKind: ChartScale.Kind = .linear
  /// Optional error bars (e.g. a 95% CI) per series index: (x, low, high), drawn as whiskers.
  public var errorBars: [Int: [(x: Double, low: Double, high: Double)]] = [:]
  /// Optional shaded bands (e.g. a 95% CI) per series index: (x, low, high).
  public var bands: [Int: [(x: Double, low: Double, high: Double)]] = [:]
  public var width = 640.0, height = 300.0
  /// Points only (a scatter plot: Latin hypercube and Sobol designs), no connecting line.
  public var scatter = false
  /// Points drawn as markers (with hover titles) per series at most; a longer line is drawn as a
  /// path alone, and a longer scatter is thinned to every k-th point, so a page stays small.
  public static let maximumMarkers = 400
  /// Names of x = 1, 2, … for a categorical x axis (ticks at those positions, labelled by name).
  public var xCategories: [String]? = nil

  public init(title: String, xTitle: String, yTitle: String, series: [Series]) {
    self.title = title; self.xTitle = xTitle; self.yTitle = yTitle; self.series = series
  }

  static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
  static let left = 70.0, right = 150.0, top = 30.0, bottom = 45.0

  var xs: [Double] { series.flatMap { $0.points.map(\.x) } }
  var ys: [Double] {
    series.flatMap { $0.points.map(\.y) } + bands.values.flatMap { $0.flatMap { [$0.low, $0.high] } }
      + errorBars.values.flatMap { $0.flatMap { [$0.low, $0.high] } }
  }

  /// The horizontal and vertical scales.
  public var scales: (x: ChartScale, y: ChartScale) {
    (ChartScale(values: xs, from: Self.left, to: width - Self.right),
     ChartScale(kind: yScaleKind, values: ys, from: height - Self.bottom, to: Self.top, includeZero: yScaleKind == .linear))
  }

  /// The path data of `points` on the scales: a new sub-path after every gap (a non-finite
  /// value); nil when no point can be placed.
  public static func pathData(_ points: [(x: Double, y: Double)], _ sx: ChartScale, _ sy: ChartScale) -> String? {
    var d = "", pen = false
    for p in points {
      let x = sx.position(p.x), y = sy.position(p.y)
      guard x.isFinite, y.isFinite else { pen = false; continue }
      d += (pen ? "L" : (d.isEmpty ? "M" : " M")) + SVGText.number(x) + "," + SVGText.number(y)
      pen = true
    }
    return d.isEmpty ? nil : d
  }

  /// The `<svg>` element.
  public var svg: String {
    let (sx, sy) = scales
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(SVGText.number(width))\" "
      + "height=\"\(SVGText.number(height))\" viewBox=\"0 0 \(SVGText.number(width)) \(SVGText.number(height))\">"
    s += "<title>\(SVGText.escape(title))</title>"
    s += "<text x=\"\(SVGText.number(Self.left))\" y=\"18\" class=\"ct\">\(SVGText.escape(title))</text>"
    s += axes(sx, sy)
    for (i, band) in bands.sorted(by: { $0.key < $1.key }) {
      let color = Self.palette[i % Self.palette.count]
      let upper = band.map { (x: $0.x, y: $0.high) }, lower = band.reversed().map { (x: $0.x, y: $0.low) }
      if let d = Self.pathData(upper + lower, sx, sy) { s += "<path d=\"\(d)Z\" fill=\"\(color)\" fill-opacity=\"0.15\" stroke=\"none\"/>" }
    }
    for (i, bars) in errorBars.sorted(by: { $0.key < $1.key }) {
      let color = Self.palette[i % Self.palette.count]
      for b in bars {
        let x = sx.position(b.x), y0 = sy.position(b.low), y1 = sy.position(b.high)
        guard x.isFinite, y0.isFinite, y1.isFinite else { continue }
        let (xs, a, c) = (SVGText.number(x), SVGText.number(y0), SVGText.number(y1))
        s += "<path d=\"M\(xs),\(a)L\(xs),\(c)M\(SVGText.number(x - 4)),\(a)L\(SVGText.number(x + 4)),\(a)"
          + "M\(SVGText.number(x - 4)),\(c)L\(SVGText.number(x + 4)),\(c)\" stroke=\"\(color)\" fill=\"none\"/>"
      }
    }
    for (i, line) in series.enumerated() {
      let color = Self.palette[i % Self.palette.count]
      if !scatter, let d = Self.pathData(line.points, sx, sy) {
        s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"><title>\(SVGText.escape(line.name))</title></path>"
      }
      let stride = scatter ? max(1, (line.points.count + Self.maximumMarkers - 1) / Self.maximumMarkers) : 1
      let marked = scatter || line.points.count <= Self.maximumMarkers
      for (k, p) in line.points.enumerated() where marked && k % stride == 0 {
        let x = sx.position(p.x), y = sy.position(p.y)
        guard x.isFinite, y.isFinite else { continue }
        let r = line.points.count == 1 ? 4.0 : 2.0
        s += "<circle cx=\"\(SVGText.number(x))\" cy=\"\(SVGText.number(y))\" r=\"\(SVGText.number(r))\" fill=\"\(color)\">"
          + "<title>\(SVGText.escape(line.name)): \(SVGText.label(p.x)), \(SVGText.label(p.y))</title></circle>"
      }
      let ly = Self.top + 16 * Double(i)
      s += "<rect x=\"\(SVGText.number(width - Self.right + 12))\" y=\"\(SVGText.number(ly - 8))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
      let legend = line.name + (stride > 1 ? " (1 in \(stride))" : "")
      s += "<text x=\"\(SVGText.number(width - Self.right + 26))\" y=\"\(SVGText.number(ly + 1))\" class=\"lg\">\(SVGText.escape(legend))</text>"
    }
    if series.allSatisfy({ Self.pathData($0.points, sx, sy) == nil }) {
      s += "<text x=\"\(SVGText.number((Self.left + width - Self.right) / 2))\" y=\"\(SVGText.number(height / 2))\" "
        + "text-anchor=\"middle\" class=\"nd\">no data</text>"
    }
    return s + "</svg>"
  }

  func axes(_ sx: ChartScale, _ sy: ChartScale) -> String {
    let x0 = Self.left, x1 = width - Self.right, y0 = height - Self.bottom, y1 = Self.top
    var s = "<g class=\"ax\"><line x1=\"\(SVGText.number(x0))\" y1=\"\(SVGText.number(y0))\" x2=\"\(SVGText.number(x1))\" y2=\"\(SVGText.number(y0))\"/>"
    s += "<line x1=\"\(SVGText.number(x0))\" y1=\"\(SVGText.number(y0))\" x2=\"\(SVGText.number(x0))\" y2=\"\(SVGText.number(y1))\"/>"
    let xTicks: [(Double, String)] = xCategories.map { names in names.enumerated().map { (Double($0 + 1), $1) } }
      ?? sx.ticks().map { ($0, SVGText.label($0)) }
    for (t, label) in xTicks {
      let x = SVGText.number(sx.position(t))
      s += "<line x1=\"\(x)\" y1=\"\(SVGText.number(y0))\" x2=\"\(x)\" y2=\"\(SVGText.number(y0 + 4))\"/>"
      s += "<text x=\"\(x)\" y=\"\(SVGText.number(y0 + 16))\" text-anchor=\"middle\">\(SVGText.escape(label))</text>"
    }
    for t in sy.ticks() {
      let y = SVGText.number(sy.position(t))
      s += "<line x1=\"\(SVGText.number(x0 - 4))\" y1=\"\(y)\" x2=\"\(SVGText.number(x1))\" y2=\"\(y)\" class=\"gr\"/>"
      s += "<text x=\"\(SVGText.number(x0 - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(SVGText.label(t))</text>"
    }
    s += "<text x=\"\(SVGText.number((x0 + x1) / 2))\" y=\"\(SVGText.number(height - 8))\" text-anchor=\"middle\" class=\"at\">\(SVGText.escape(xTitle))</text>"
    s += "<text transform=\"translate(14,\(SVGText.number((y0 + y1) / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"at\">\(SVGText.escape(yTitle))</text>"
    return s + "</g>"
  }
}
