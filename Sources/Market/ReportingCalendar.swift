/// The data market's one definition of time: periods of `periodDays` days and years of 365 days.
/// Every yearly mechanism (the public operator's MAR review and clawback, per-year rates,
/// `gmv_per_year`) asks this type, so a year cannot mean two things.
public struct ReportingCalendar: Sendable, Equatable {
  /// Days in a year.
  public static let daysPerYear = 365.0
  /// Length of one reporting period in days.
  public var periodDays: Double

  public init(periodDays: Double) { self.periodDays = periodDays }

  /// Periods in a year (fractional: 365 / periodDays).
  public var periodsPerYear: Double { Self.daysPerYear / periodDays }

  /// Years spanned by `periods` periods.
  public func years(periods: Int) -> Double { Double(periods) * periodDays / Self.daysPerYear }

  /// The year (from 0) that the day `day` falls in.
  public func year(atDay day: Double) -> Int {
    // A period end within a millionth of a day of a year boundary counts as on it, so that
    // periodDays = 365/12 closes a year every 12 periods despite rounding.
    Int(((day + 1e-6) / Self.daysPerYear).rounded(.down))
  }

  /// Whether period `index` (from 0) is the one during which a year ends: a yearly review
  /// happens at its close.
  public func closesYear(period index: Int) -> Bool {
    year(atDay: Double(index + 1) * periodDays) > year(atDay: Double(index) * periodDays)
  }
}
