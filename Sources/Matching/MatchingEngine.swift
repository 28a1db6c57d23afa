/// Price-time priority order books for many instruments, built for throughput.
///
/// - Prices are integer ticks (`Int64`), quantities integer units; there is no notion of time,
///   of owners or of what is traded.
/// - All books share one order arena: orders are 32-byte slots (two to a cache line) in a flat
///   buffer, linked into FIFO queues per price level by `Int32` indices, and recycled through a
///   free list — no allocation or reference counting per order once the buffers have grown.
/// - Each book keeps a dense window of 8-byte price levels indexed by `price − priceBase`, one
///   array for both sides (the book is never crossed, so every bid level lies below every ask
///   level), and an occupancy bitmap, so the next best price after a level empties is a few word
///   scans away. A price outside the window re-centres it (empty book) or grows it; a book's
///   resting prices may span at most ``maximumSpan`` ticks. An order stores its level's window
///   index, not its price: the price is `priceBase + level` and the side follows from the level
///   (a resting order at or below the best bid is a bid), which keeps the order small.
/// - Cancel is O(1) by slot. Ids are the caller's; ``OrderStreamProcessor`` adds id lookup,
///   validation and the event stream of the order-stream contract.
/// - Non-depleting orders (``rest(book:id:side:price:quantity:unlimited:)`` with
///   `unlimited: true`) model non-exclusive licences: they trade any quantity at their price and
///   keep their place in the queue.
///
/// The engine is a class: it owns manually managed buffers and has identity; one run owns one
/// engine, and nothing in it is shared between threads.
public final class MatchingEngine {
  /// One order in the arena: 32 bytes, so a slot never straddles two cache lines.
  @frozen @usableFromInline struct Order {
    /// Open quantity, or ``MatchingEngine/unlimitedOpen`` for a non-depleting order.
    @usableFromInline var open: Int64
    /// The caller's id.
    @usableFromInline var id: UInt64
    @usableFromInline var next: Int32
    @usableFromInline var prev: Int32
    /// Window index of the order's price level in its book; −1 when the slot is free.
    @usableFromInline var level: Int32
    @usableFromInline var book: Int32

    @inlinable init(open: Int64, id: UInt64, next: Int32, prev: Int32, level: Int32, book: Int32) {
      self.open = open; self.id = id; self.next = next; self.prev = prev; self.level = level; self.book = book
    }
  }

  /// One price level: the ends of its FIFO queue. 8 bytes, eight levels to a cache line.
  @frozen @usableFromInline struct Level {
    @usableFromInline var head: Int32
    @usableFromInline var tail: Int32
    @inlinable static var empty: Level { Level(head: -1, tail: -1) }
    @inlinable init(head: Int32, tail: Int32) { self.head = head; self.tail = tail }
  }

  /// One instrument's window of levels: 32 bytes, two to a cache line (a run with a thousand
  /// books touches one at random per command). Indices are stored as `Int32` and read as `Int`.
  @frozen @usableFromInline struct Book {
    @usableFromInline var priceBase: Int64
    @usableFromInline var storedLevelStart: Int32
    @usableFromInline var storedBitStart: Int32
    @usableFromInline var storedSpan: Int32
    @usableFromInline var storedBestBid: Int32
    @usableFromInline var storedBestAsk: Int32
    @usableFromInline var storedRestingCount: Int32

    /// Index of the window's first level in the engine's level arena.
    @inlinable var levelStart: Int { get { Int(storedLevelStart) } set { storedLevelStart = Int32(newValue) } }
    /// Index of the window's first occupancy word.
    @inlinable var bitStart: Int { get { Int(storedBitStart) } set { storedBitStart = Int32(newValue) } }
    /// Levels in the window (0 before the book's first resting order).
    @inlinable var span: Int { get { Int(storedSpan) } set { storedSpan = Int32(newValue) } }
    /// Window index of the best bid, −1 if none.
    @inlinable var bestBid: Int { get { Int(storedBestBid) } set { storedBestBid = Int32(truncatingIfNeeded: newValue) } }
    /// Window index of the best ask, `span` if none.
    @inlinable var bestAsk: Int { get { Int(storedBestAsk) } set { storedBestAsk = Int32(truncatingIfNeeded: newValue) } }
    @inlinable var restingCount: Int { get { Int(storedRestingCount) } set { storedRestingCount = Int32(truncatingIfNeeded: newValue) } }
    /// Whether the book has a window yet.
    @inlinable var hasWindow: Bool { storedSpan > 0 }

    @inlinable init(priceBase: Int64, levelStart: Int, bitStart: Int, span: Int, bestBid: Int, bestAsk: Int, restingCount: Int) {
      self.priceBase = priceBase
      storedLevelStart = Int32(levelStart); storedBitStart = Int32(bitStart); storedSpan = Int32(span)
      storedBestBid = Int32(bestBid); storedBestAsk = Int32(bestAsk); storedRestingCount = Int32(restingCount)
    }
  }

  /// The `open` of a non-depleting order.
  @usableFromInline static let unlimitedOpen: Int64 = -1
  /// The widest price range, in ticks, that one book's resting orders may span.
  public static let maximumSpan = 1 << 24

  @exclusivity(unchecked) @usableFromInline var orders: RawBuffer<Order>
  @exclusivity(unchecked) @usableFromInline var freeOrders: RawBuffer<Int32>
  @exclusivity(unchecked) @usableFromInline var levels: RawBuffer<Level>
  @exclusivity(unchecked) @usableFromInline var bits: RawBuffer<UInt64>
  @exclusivity(unchecked) @usableFromInline var books: RawBuffer<Book>
  @exclusivity(unchecked) @usableFromInline var fillBuffer: RawBuffer<Fill>
  @usableFromInline let initialSpan: Int

  /// An engine with `books` empty books. `initialSpan` (rounded up to a multiple of 64) is the
  /// price window, in ticks, a book starts with around its first resting order.
  public init(books bookCount: Int = 0, initialSpan: Int = 4096, orderCapacity: Int = 1024) {
    self.initialSpan = max(64, (initialSpan + 63) & ~63)
    orders = RawBuffer(capacity: orderCapacity)
    freeOrders = RawBuffer(capacity: orderCapacity)
    levels = RawBuffer(capacity: 1024)
    bits = RawBuffer(capacity: 64)
    books = RawBuffer(capacity: max(bookCount, 4))
    fillBuffer = RawBuffer(capacity: 256)
    for _ in 0..<bookCount { addBook() }
  }

  deinit {
    orders.free(); freeOrders.free(); levels.free(); bits.free(); books.free(); fillBuffer.free()
  }

  /// Adds an empty book and returns its index.
  @discardableResult
  public func addBook() -> Int32 {
    books.append(Book(priceBase: 0, levelStart: 0, bitStart: 0, span: 0, bestBid: -1, bestAsk: 0, restingCount: 0))
    return Int32(books.count - 1)
  }

  /// The number of books.
  public var bookCount: Int { books.count }

  /// Price levels in all books' windows, the windows a book outgrew included: 8 bytes each (and a
  /// bit of occupancy), so what the books' price ranges cost in memory.
  public var levelCount: Int { levels.count }

  // MARK: queries

  /// The best bid price of `book`, if any.
  public func bestBid(_ book: Int32) -> Int64? {
    let b = books[Int(book)]
    return b.bestBid >= 0 ? b.priceBase + Int64(b.bestBid) : nil
  }

  /// The best ask price of `book`, if any.
  public func bestAsk(_ book: Int32) -> Int64? {
    let b = books[Int(book)]
    return b.hasWindow && b.bestAsk < b.span ? b.priceBase + Int64(b.bestAsk) : nil
  }

  /// Whether `book` is crossed: it has a bid and an ask and the best bid is at or above the best
  /// ask (never true after a correct sequence of commands; a check for invariants mode).
  public func isCrossed(book: Int32) -> Bool {
    guard let bid = bestBid(book), let ask = bestAsk(book) else { return false }
    return bid >= ask
  }

  /// The first crossed book, if any: O(books).
  public func firstCrossedBook() -> Int32? {
    for b in 0..<Int32(books.count) where isCrossed(book: b) { return b }
    return nil
  }

  /// Resting orders in `book`.
  public func restingCount(_ book: Int32) -> Int { books[Int(book)].restingCount }

  /// Whether the order in `slot` is resting.
  @inlinable public func isResting(_ slot: Int32) -> Bool { slot >= 0 && Int(slot) < orders.count && orders[Int(slot)].level >= 0 }

  /// Whether `slot` holds the resting order with id `id` (a slot is recycled once its order
  /// leaves the book, so a remembered slot is checked together with the id).
  @inlinable public func isResting(_ slot: Int32, id: UInt64) -> Bool {
    isResting(slot) && orders[Int(slot)].id == id
  }
  /// The open quantity of a resting order (`Int64.max` for a non-depleting one).
  public func openQuantity(_ slot: Int32) -> Int64 {
    let o = orders[Int(slot)]
    return o.open == MatchingEngine.unlimitedOpen ? .max : o.open
  }
  /// The price of the resting order in `slot`.
  public func price(_ slot: Int32) -> Int64 {
    let o = orders[Int(slot)]
    return books[Int(o.book)].priceBase + Int64(o.level)
  }
  /// The side of the resting order in `slot`: every bid level lies at or below the best bid.
  public func side(_ slot: Int32) -> Side {
    let o = orders[Int(slot)]
    return Int(o.level) <= books[Int(o.book)].bestBid ? .buy : .sell
  }
  /// The caller's id of the order in `slot`.
  public func id(_ slot: Int32) -> UInt64 { orders[Int(slot)].id }
  /// The book of the order in `slot`.
  public func book(_ slot: Int32) -> Int32 { orders[Int(slot)].book }

  /// One side's resting orders as (price, [(id, open quantity)]) from best to worst, for tests
  /// and snapshots. - Complexity: O(levels + orders), by the occupancy bitmap.
  public func depth(_ book: Int32, side: Side) -> [(price: Int64, orders: [(id: UInt64, quantity: Int64)])] {
    let b = books[Int(book)]
    guard b.hasWindow else { return [] }
    var out: [(price: Int64, orders: [(id: UInt64, quantity: Int64)])] = []
    var i = side == .buy ? b.bestBid : b.bestAsk
    while i >= 0 && i < b.span {
      defer { i = side == .buy ? nextOccupied(b, below: i) : nextOccupied(b, above: i) }
      let level = levels[b.levelStart + i]
      if level.head < 0 { continue }
      var queue: [(id: UInt64, quantity: Int64)] = []
      var s = level.head
      while s >= 0 { queue.append((orders[Int(s)].id, openQuantity(s))); s = orders[Int(s)].next }
      out.append((b.priceBase + Int64(i), queue))
    }
    return out
  }

  // MARK: matching

  /// Whether an aggressor on `side` could fill `quantity` completely at prices no worse than
  /// `limit` (`Int64.max` for a market buy, `Int64.min` for a market sell).
  /// - Complexity: O(orders needed to fill `quantity`) — it walks the queues (only `fok` asks).
  public func canFill(book: Int32, side: Side, limit: Int64, quantity: Int64) -> Bool {
    let b = books[Int(book)]
    guard b.hasWindow else { return false }
    var needed = quantity
    var i = side == .buy ? b.bestAsk : b.bestBid
    while i >= 0 && i < b.span {
      let price = b.priceBase + Int64(i)
      if side == .buy ? price > limit : price < limit { return false }
      var s = levels[b.levelStart + i].head
      while s >= 0 {
        let o = orders[Int(s)]
        if o.open == MatchingEngine.unlimitedOpen || o.open >= needed { return true }
        needed -= o.open
        s = o.next
      }
      i = side == .buy ? nextOccupied(b, above: i) : nextOccupied(b, below: i)
    }
    return false
  }

  /// The executions of the last ``match(book:side:limit:quantity:)`` call, in order. Valid
  /// until the next call (the engine reuses the storage).
  @inlinable public var fills: UnsafeBufferPointer<Fill> { UnsafeBufferPointer(start: fillBuffer.base, count: fillBuffer.count) }

  /// Matches an incoming order on `side` for `quantity` at prices no worse than `limit`
  /// against `book`, recording one ``Fill`` per execution in ``fills`` (at the resting order's
  /// price, in price-time priority). Returns the unfilled quantity. Completely filled resting
  /// orders leave the book and their slots are recycled.
  @inlinable
  public func match(book: Int32, side: Side, limit: Int64, quantity: Int64) -> Int64 {
    fillBuffer.count = 0
    let bp = books.pointer(Int(book))
    guard bp.pointee.hasWindow else { return quantity }
    var remaining = quantity
    if side == .buy {
      while remaining > 0 && bp.pointee.bestAsk < bp.pointee.span {
        let index = bp.pointee.bestAsk
        let price = bp.pointee.priceBase &+ Int64(index)
        if price > limit { break }
        remaining = consume(level: index, price: price, book: bp, remaining: remaining)
        if levels[bp.pointee.levelStart &+ index].head < 0 {
          clearBit(bp.pointee, index)
          bp.pointee.bestAsk = nextOccupied(bp.pointee, above: index)
        }
      }
    } else {
      while remaining > 0 && bp.pointee.bestBid >= 0 {
        let index = bp.pointee.bestBid
        let price = bp.pointee.priceBase &+ Int64(index)
        if price < limit { break }
        remaining = consume(level: index, price: price, book: bp, remaining: remaining)
        if levels[bp.pointee.levelStart &+ index].head < 0 {
          clearBit(bp.pointee, index)
          bp.pointee.bestBid = nextOccupied(bp.pointee, below: index)
        }
      }
    }
    return remaining
  }

  /// Trades `remaining` against the queue at one level, head first.
  @inlinable @inline(__always)
  func consume(level index: Int, price: Int64, book bp: UnsafeMutablePointer<Book>, remaining: Int64) -> Int64 {
    var remaining = remaining
    let lp = levels.pointer(bp.pointee.levelStart &+ index)
    var s = lp.pointee.head
    while s >= 0 && remaining > 0 {
      let o = orders.pointer(Int(s))
      let open = o.pointee.open
      if open == MatchingEngine.unlimitedOpen {
        fillBuffer.append(Fill(makerSlot: s, makerID: o.pointee.id, price: price, quantity: remaining, makerDone: false))
        return 0
      }
      if open > remaining {
        o.pointee.open = open &- remaining
        fillBuffer.append(Fill(makerSlot: s, makerID: o.pointee.id, price: price, quantity: remaining, makerDone: false))
        return 0
      }
      fillBuffer.append(Fill(makerSlot: s, makerID: o.pointee.id, price: price, quantity: open, makerDone: true))
      remaining &-= open
      let next = o.pointee.next
      lp.pointee.head = next
      if next >= 0 { orders[Int(next)].prev = -1 } else { lp.pointee.tail = -1 }
      o.pointee.open = 0
      o.pointee.level = -1
      freeOrders.append(s)
      bp.pointee.restingCount &-= 1
      s = next
    }
    return remaining
  }

  // MARK: resting, cancelling, reducing

  /// Whether an order at `price` could rest in `book` (its resting prices would span at most
  /// ``maximumSpan`` ticks).
  @inlinable
  public func canRest(book: Int32, price: Int64) -> Bool {
    let bp = books.pointer(Int(book))
    let i = price &- bp.pointee.priceBase
    if i >= 0 && i < Int64(bp.pointee.span) { return true }  // inside the window (or no window: span 0)
    return canRestOutsideWindow(book: book, price: price)
  }

  @usableFromInline
  func canRestOutsideWindow(book: Int32, price: Int64) -> Bool {
    let b = books[Int(book)]
    guard b.hasWindow, b.restingCount > 0 else { return true }
    let (lo, hi) = occupiedRange(b)
    let low = min(b.priceBase + Int64(lo), price), high = max(b.priceBase + Int64(hi), price)
    return high - low < Int64(MatchingEngine.maximumSpan)
  }

  /// Puts an order at the back of its price level's queue and returns its slot. The caller
  /// must have matched it first: resting must not cross the book.
  /// - Precondition: `quantity > 0`, `price ≥ 1`, and ``canRest(book:price:)``.
  @inlinable @discardableResult
  public func rest(book: Int32, id: UInt64, side: Side, price: Int64, quantity: Int64, unlimited: Bool = false) -> Int32 {
    var index = Int(truncatingIfNeeded: price &- books[Int(book)].priceBase)
    if !books[Int(book)].hasWindow || index < 0 || index >= books[Int(book)].span {
      index = makeRoom(book: book, price: price)
    }
    let bp = books.pointer(Int(book))
    let slot: Int32
    if let free = freeOrders.popLast() {
      slot = free
    } else {
      orders.append(Order(open: 0, id: 0, next: -1, prev: -1, level: -1, book: 0))
      slot = Int32(orders.count &- 1)
    }
    let lp = levels.pointer(bp.pointee.levelStart &+ index)
    let tail = lp.pointee.tail
    orders[Int(slot)] = Order(open: unlimited ? MatchingEngine.unlimitedOpen : quantity, id: id, next: -1, prev: tail,
                              level: Int32(truncatingIfNeeded: index), book: book)
    if tail >= 0 {
      orders[Int(tail)].next = slot
    } else {
      lp.pointee.head = slot
      setBit(bp.pointee, index)
    }
    lp.pointee.tail = slot
    bp.pointee.restingCount &+= 1
    if side == .buy {
      if index > bp.pointee.bestBid { bp.pointee.bestBid = index }
    } else {
      if index < bp.pointee.bestAsk { bp.pointee.bestAsk = index }
    }
    return slot
  }

  /// Removes a resting order; returns its open quantity (0 if the slot was not resting or the
  /// order is non-depleting).
  @inlinable @discardableResult
  public func cancel(_ slot: Int32) -> Int64 {
    guard isResting(slot) else { return 0 }
    let o = orders.pointer(Int(slot))
    let bp = books.pointer(Int(o.pointee.book))
    let index = Int(o.pointee.level)
    let lp = levels.pointer(bp.pointee.levelStart &+ index)
    let prev = o.pointee.prev, next = o.pointee.next
    if prev >= 0 { orders[Int(prev)].next = next } else { lp.pointee.head = next }
    if next >= 0 { orders[Int(next)].prev = prev } else { lp.pointee.tail = prev }
    o.pointee.level = -1
    freeOrders.append(slot)
    bp.pointee.restingCount &-= 1
    if lp.pointee.head < 0 {
      clearBit(bp.pointee, index)
      if index == bp.pointee.bestBid {
        bp.pointee.bestBid = nextOccupied(bp.pointee, below: index)
      } else if index == bp.pointee.bestAsk {
        bp.pointee.bestAsk = nextOccupied(bp.pointee, above: index)
      }
    }
    let open = o.pointee.open
    return open == MatchingEngine.unlimitedOpen ? 0 : open
  }

  /// Lowers a resting order's open quantity in place, keeping its time priority.
  /// - Precondition: resting, not non-depleting, `0 < newQuantity`.
  public func reduce(_ slot: Int32, to newQuantity: Int64) {
    precondition(isResting(slot) && newQuantity > 0 && orders[Int(slot)].open != MatchingEngine.unlimitedOpen,
                 "reduce needs a resting, bounded order and a positive quantity")
    orders[Int(slot)].open = newQuantity
  }

  // MARK: bitmap and window

  @inlinable @inline(__always)
  func setBit(_ b: Book, _ index: Int) {
    let w = bits.pointer(b.bitStart &+ (index >> 6))
    w.pointee |= 1 << UInt64(index & 63)
  }

  @inlinable @inline(__always)
  func clearBit(_ b: Book, _ index: Int) {
    let w = bits.pointer(b.bitStart &+ (index >> 6))
    w.pointee &= ~(1 << UInt64(index & 63))
  }

  /// The lowest occupied index above `index`, or `span`.
  @inlinable
  func nextOccupied(_ b: Book, above index: Int) -> Int {
    var i = index &+ 1
    if i >= b.span { return b.span }
    var word = i >> 6
    var w = bits[b.bitStart &+ word] & (~0 << UInt64(i & 63))
    let words = b.span >> 6
    while w == 0 {
      word &+= 1
      if word >= words { return b.span }
      w = bits[b.bitStart &+ word]
    }
    i = (word << 6) | w.trailingZeroBitCount
    return i
  }

  /// The highest occupied index below `index`, or −1.
  @inlinable
  func nextOccupied(_ b: Book, below index: Int) -> Int {
    let i = index &- 1
    if i < 0 { return -1 }
    var word = i >> 6
    let shift = UInt64(63 - (i & 63))
    var w = bits[b.bitStart &+ word] & (~0 >> shift)
    while w == 0 {
      word &-= 1
      if word < 0 { return -1 }
      w = bits[b.bitStart &+ word]
    }
    return (word << 6) | (63 - w.leadingZeroBitCount)
  }

  /// The lowest and highest occupied window indices of a non-empty book.
  func occupiedRange(_ b: Book) -> (Int, Int) {
    let lo = nextOccupied(b, above: -1)
    let hi = nextOccupied(b, below: b.span)
    return (lo, hi)
  }

  /// Gives `book` a window containing `price`: the first window, a re-centred one when the book
  /// is empty, or one covering every resting order and `price` with room to spare — the same
  /// window re-centred when that fits, else one twice as large or more — whose orders learn
  /// their new level indices. Returns its index.
  @usableFromInline
  func makeRoom(book: Int32, price: Int64) -> Int {
    var b = books[Int(book)]
    if !b.hasWindow {
      precondition(levels.count + initialSpan < Int(Int32.max), "the books' price windows exceed 2^31 levels")
      b.span = initialSpan
      b.levelStart = levels.appendRepeating(.empty, count: b.span)
      b.bitStart = bits.appendRepeating(0, count: b.span >> 6)
    } else if b.restingCount > 0 {
      let (lo, hi) = occupiedRange(b)
      let low = min(b.priceBase + Int64(lo), price), high = max(b.priceBase + Int64(hi), price)
      precondition(high - low < Int64(MatchingEngine.maximumSpan), "price range exceeds maximumSpan; check canRest first")
      var span = b.span
      while Int64(span) < (high - low + 1) * 2 { span *= 2 }
      span = min(span, MatchingEngine.maximumSpan * 2)
      let newBase = max(1, low - (Int64(span) - (high - low + 1)) / 2)
      let shift = Int(b.priceBase - newBase)
      // The same span re-centres in place (a drifting price costs no memory); a larger one is a
      // fresh window (the old one, at most half the new one's size, is abandoned).
      let inPlace = span == b.span
      precondition(inPlace || levels.count + span < Int(Int32.max), "the books' price windows exceed 2^31 levels")
      let newLevels = inPlace ? b.levelStart : levels.appendRepeating(.empty, count: span)
      let newBits = inPlace ? b.bitStart : bits.appendRepeating(0, count: span >> 6)
      let fresh = Book(priceBase: newBase, levelStart: newLevels, bitStart: newBits, span: span,
                       bestBid: b.bestBid >= 0 ? b.bestBid + shift : -1, bestAsk: b.bestAsk < b.span ? b.bestAsk + shift : span,
                       restingCount: b.restingCount)
      var occupied: [(index: Int, level: Level)] = []
      var i = lo
      while i <= hi && i < b.span {
        occupied.append((i, levels[b.levelStart + i]))
        i = nextOccupied(b, above: i)
      }
      if inPlace {
        for (i, _) in occupied { levels[b.levelStart + i] = .empty; clearBit(b, i) }
      }
      for (i, level) in occupied {
        levels[newLevels + i + shift] = level
        setBit(fresh, i + shift)
        var s = level.head
        while s >= 0 { orders[Int(s)].level = Int32(i + shift); s = orders[Int(s)].next }
      }
      b = fresh
      books[Int(book)] = b
      return Int(price - b.priceBase)
    }
    // Empty book: centre the window on `price` (its levels and bits are all empty already).
    b.priceBase = max(1, price - Int64(b.span / 2))
    b.bestBid = -1
    b.bestAsk = b.span
    books[Int(book)] = b
    return Int(price - b.priceBase)
  }
}
