import Output

/// Independent, named random-number streams derived from one master seed.
///
/// Each stream's seed is a function of (master seed, stream name) alone, so a model can add a
/// new consumer (a new stream name) without shifting the numbers any other stream produces —
/// the basis of common random numbers across scenarios (DOMAIN.md §4.1).
///
///     let streams = RandomStreams(masterSeed: 7)
///     var arrivals = streams.stream("arrivals")
///     var quality  = streams.stream("quality")
@frozen
public struct RandomStreams: Sendable {
  /// The master seed every stream derives from.
  public let masterSeed: UInt64

  @inlinable public init(masterSeed: UInt64) { self.masterSeed = masterSeed }

  /// The generator for the stream called `name`.
  @inlinable public func stream(_ name: String) -> Xoshiro256StarStar {
    stream(id: RandomStreams.streamID(name))
  }

  /// The generator for the stream with numeric id `id` (e.g. an agent index combined with a name).
  @inlinable public func stream(id: UInt64) -> Xoshiro256StarStar {
    Xoshiro256StarStar(seed: RandomStreams.deriveSeed(masterSeed, id))
  }

  /// The generator for sub-stream `index` of the stream called `name` (e.g. one per replicate).
  @inlinable public func stream(_ name: String, index: UInt64) -> Xoshiro256StarStar {
    stream(id: SplitMix64.mix(RandomStreams.streamID(name) ^ SplitMix64.mix(index &+ 0x632B_E59B_D9B4_E019)))
  }

  /// Mixes a master seed and a stream id into a stream seed (two rounds of the SplitMix64 finaliser).
  @inlinable public static func deriveSeed(_ master: UInt64, _ id: UInt64) -> UInt64 {
    SplitMix64.mix(SplitMix64.mix(master &+ 0x9E37_79B9_7F4A_7C15) ^ id)
  }

  /// A stable 64-bit id for a stream name: FNV-1a over its UTF-8 bytes.
  @inlinable public static func streamID(_ name: String) -> UInt64 { FNV1a.hash(name) }
}
