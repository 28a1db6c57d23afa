/// The error that stops a data-market run whose order books' price windows outgrow their limit
/// (2^29 levels of 8 bytes, 4 GiB, by default): a book keeps one level per price tick (RMB 100)
/// between its lowest resting bid and its ask, so prices far above the calibrated range (RMB
/// 10,000 × a `buyers.valueMean` of millions) would need more memory than a run may take.
/// Reported like every failed run: a clear message and exit code 2, never a crash.
public struct BookWindowLimit: Error, CustomStringConvertible {
  /// The limit, and the levels in the books' windows when the run stopped.
  public var limit: Int, levels: Int
  /// Simulated time, in days, of the event before which it stopped.
  public var time: Double

  public var description: String {
    let gib = Double(limit) * 8 / 1_073_741_824
    return "the order books' price windows grew past \(limit) levels (\(gib >= 1 ? String(Int(gib)) : String(gib)) GiB; "
      + "\(levels) on day \((time * 10).rounded() / 10)): a book keeps a level per price tick of RMB 100 from its lowest bid "
      + "to its ask, and prices this far above the calibrated range do not fit; lower buyers.valueMean and "
      + "buyers.valueMedian (or publicOperator.capMultiple)"
  }
}
