/// A count per contract type, indexed like `ContractType.allCases` (FIXED first): a fixed-size
/// value with no heap storage, so a period's activity record can be built for every trade
/// without allocating.
public struct ContractTypeCounts: RandomAccessCollection, MutableCollection, Sendable, Equatable {
  /// Room for up to eight contract types; only the first `ContractType.allCases.count` are used.
  private var storage = SIMD8<Int>()

  /// The number of contract types.
  static let typeCount: Int = {
    precondition(ContractType.allCases.count <= 8, "ContractTypeCounts holds at most eight contract types")
    return ContractType.allCases.count
  }()

  public init() {}

  public var startIndex: Int { 0 }
  public var endIndex: Int { Self.typeCount }

  public subscript(position: Int) -> Int {
    get { precondition(position >= 0 && position < Self.typeCount, "contract type index out of range"); return storage[position] }
    set { precondition(position >= 0 && position < Self.typeCount, "contract type index out of range"); storage[position] = newValue }
  }

  /// Adds `other`'s counts type by type.
  public mutating func add(_ other: ContractTypeCounts) { storage &+= other.storage }
}
