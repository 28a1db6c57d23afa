// Fuzz target `designcsv` (scripts/fuzz-inputs.sh designcsv SECONDS): a design CSV's text, read
// by DesignCSV.read for a sweep over three parameters. Every point it returns must assign each
// parameter exactly once, in the parameters' order.

let parameters = ["queue.arrivalRate", "queue.customers", "market.strategy"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDesignCSV(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
  do {
    let points = try DesignCSV.read(text, file: "design.csv", parameters: parameters)
    for p in points { precondition(p.map(\.key) == parameters, "a point maps values to the wrong parameters") }
  } catch {
    precondition(error.description.count < 4_000, "an error message of \(error.description.count) characters")
  }
  return 0
}
