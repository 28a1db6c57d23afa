import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Output

/// The report's chart geometry and page safety: scales, ticks at round numbers, gaps, empty and
/// single-point series, escaping, and well-formed XML.
@Suite struct ReportChartTests {
  func parses(_ xml: String) -> Bool {
    XMLParser(data: Data(xml.utf8)).parse()
  }

  @Test func linearTicksAreRoundNumbers() {
    let s = ChartScale(values: [0.3, 9.7], from: 0, to: 100)
    #expect(s.low == 0 && s.high == 10)
    #expect(s.ticks() == [0, 2, 4, 6, 8, 10])
    #expect(s.position(5) == 50)
    let y = ChartScale(values: [120, 980], from: 200, to: 0)     // a y axis runs downwards
    #expect(y.low == 0 && y.high == 1000 && y.position(1000) == 0 && y.position(0) == 200)
    #expect(ChartScale.niceStep(0.037) == 0.05 && ChartScale.niceStep(7) == 10 && ChartScale.niceStep(150) == 200)
  }

  @Test func logScalesTickAtPowersOfTen() {
    let s = ChartScale(kind: .log, values: [3, 4_000, -1, .nan], from: 0, to: 400)
    #expect(s.low == 1 && s.high == 10_000)
    #expect(s.ticks() == [1, 10, 100, 1_000, 10_000])
    #expect(abs(s.position(100) - 200) < 1e-9)
    #expect(s.position(0).isNaN && s.position(-5).isNaN)
  }

  @Test func emptyAndConstantDataGetAUsableScale() {
    let empty = ChartScale(values: [], from: 0, to: 1)
    #expect(empty.low < empty.high)
    let constant = ChartScale(values: [7, 7, 7], from: 0, to: 1)
    #expect(constant.low < 7 && constant.high > 7)
  }

  @Test func gapsSplitTheLine() {
    let sx = ChartScale(values: [0, 10], from: 0, to: 10), sy = ChartScale(values: [0, 10], from: 0, to: 10)
    let d = SVGLineChart.pathData([(0, 1), (1, 2), (2, .nan), (3, 4), (4, 5)], sx, sy)
    #expect(d == "M0,1L1,2 M3,4L4,5")
    #expect(SVGLineChart.pathData([(0, .nan)], sx, sy) == nil)
  }

  @Test func singlePointsEmptySeriesAndHostileNamesRenderSafely() {
    var chart = SVGLineChart(title: "<script>alert('x')</script> & co", xTitle: "period", yTitle: "RMB 10,000",
                             series: [.init(name: "a\"b<c>", points: [(1, 2)])])
    let svg = chart.svg
    #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;"))
    #expect(svg.contains("r=\"4\""))                      // the lone point is a visible marker
    #expect(parses(svg))
    chart.series = [.init(name: "none", points: [])]
    #expect(chart.svg.contains("no data") && parses(chart.svg))
    #expect(SVGText.escape("a\u{1}b\u{7}c") == "abc")     // control characters are not XML
  }

  @Test func thePageIsWellFormedXHTML() {
    var page = HTMLReport(title: "t <&> \"q\"")
    page.section("S & T", "p < q")
    page.table(["a", "b"], [["1", "x&y"]], numeric: [0])
    page.chart(SVGLineChart(title: "c", xTitle: "x", yTitle: "y", series: [.init(name: "s", points: [(0, 1), (1, 3)])]).svg)
    #expect(parses(page.xhtml))
    #expect(!page.xhtml.contains("<script"))
    #expect(page.xhtml.components(separatedBy: "http://").count - 1 == 2)   // only the two XML namespaces: no network
    #expect(!page.xhtml.contains("src="))
  }

  @Test func labelsAreReadable() {
    #expect(SVGText.label(1_234_567) == "1.23 M")
    #expect(SVGText.label(12_345) == "12,345")
    #expect(SVGText.label(0.012345) == "0.0123")
    #expect(SVGText.label(-2_500) == "−2,500")
    #expect(SVGText.label(.nan) == "–")
  }

  @Test func csvDocumentsReadQuotesAndCRLF() {
    let d = CSVDocument(text: "a,b,c\r\n1,\"x, \"\"y\"\"\",nan\r\n2,,inf\n")
    #expect(d.header == ["a", "b", "c"])
    #expect(d.rows == [["1", "x, \"y\"", "nan"], ["2", "", "inf"]])
    #expect(d.numbers("c")[1] == .infinity && d.numbers("c")[0].isNaN)
  }

  /// A 10,000-point scatter stays small: thinned to at most maximumMarkers markers, said in the
  /// legend; a long line is a path without markers.
  @Test func bigSeriesStaySmall() {
    let points = (0..<10_000).map { (x: Double($0), y: Double(($0 * 7919) % 1000)) }
    var chart = SVGLineChart(title: "t", xTitle: "x", yTitle: "y", series: [.init(name: "s", points: points)])
    chart.scatter = true
    let scatter = chart.svg
    #expect(scatter.components(separatedBy: "<circle").count - 1 <= SVGLineChart.maximumMarkers)
    #expect(scatter.contains("(1 in 25)") && scatter.utf8.count < 100_000)
    chart.scatter = false
    #expect(!chart.svg.contains("<circle") && chart.svg.utf8.count < 200_000)
  }
}
