/// An M/M/1 queue: Poisson arrivals at rate λ, one server with exponential service at rate μ,
/// first come first served. The kernel's reference model: its mean wait in queue has the
/// closed form W_q = ρ/(μ − λ), ρ = λ/μ (e.g. λ = 0.9, μ = 1 ⇒ 9). Time unit: the model's.
public struct MM1Queue: SimulationModel {
  /// Model parameters.
  public struct Parameters: Sendable, Equatable {
    /// λ, arrivals per time unit.
    public var arrivalRate: Double
    /// μ, services per time unit.
    public var serviceRate: Double
    /// Customers whose service starts before the run stops.
    public var customers: Int
    /// Customers discarded from the wait statistics at the start (warm-up).
    public var warmupCustomers: Int
    /// Length of one reporting period, in time units.
    public var periodLength: Double

    public init(arrivalRate: Double = 0.9, serviceRate: Double = 1, customers: Int = 1_000_000,
                warmupCustomers: Int = 0, periodLength: Double = 1_000) {
      self.arrivalRate = arrivalRate; self.serviceRate = serviceRate; self.customers = customers
      self.warmupCustomers = warmupCustomers; self.periodLength = periodLength
    }

    /// ρ = λ/μ.
    public var utilization: Double { arrivalRate / serviceRate }
    /// The theoretical mean wait in queue ρ/(μ − λ) (infinite when ρ ≥ 1).
    public var theoreticalMeanWait: Double {
      arrivalRate < serviceRate ? utilization / (serviceRate - arrivalRate) : .infinity
    }
  }

  /// The model's events.
  public enum Event: Sendable, CustomStringConvertible {
    case arrival, departure, periodEnd(index: Int)
    public var description: String {
      switch self {
      case .arrival: return "arrival"
      case .departure: return "departure"
      case .periodEnd(let i): return "periodEnd(\(i))"
      }
    }
  }

  /// Statistics of one reporting period.
  public struct PeriodRecord: Sendable, Equatable {
    public var index: Int
    public var endTime: Double
    public var arrivals: Int
    public var served: Int
    public var meanWait: Double
    public var meanQueueLength: Double
  }

  public let parameters: Parameters
  @usableFromInline var arrivals: Xoshiro256StarStar
  @usableFromInline var services: Xoshiro256StarStar
  @usableFromInline var queue = RingBuffer<Double>(capacity: 1024)
  @usableFromInline var busy = false
  /// Customers whose service has started.
  public private(set) var started = 0
  /// Waits in queue after warm-up.
  public private(set) var waits = RunningStatistics()
  /// Queue length over time.
  public private(set) var queueLength = TimeWeightedAverage()
  /// Per-period records, in order.
  public private(set) var periods: [PeriodRecord] = []
  var periodWaits = RunningStatistics()
  var periodArrivals = 0
  var periodQueue = TimeWeightedAverage()

  /// A queue whose random streams derive from `seed` ("arrivals" and "services").
  public init(parameters: Parameters, seed: UInt64) {
    self.parameters = parameters
    let streams = RandomStreams(masterSeed: seed)
    arrivals = streams.stream("arrivals")
    services = streams.stream("services")
  }

  /// Schedules the first arrival and the first period end.
  public mutating func start(_ kernel: inout Kernel<Event>) throws {
    try kernel.schedule(.arrival, after: nextInterarrival())
    try kernel.schedule(.periodEnd(index: 0), after: parameters.periodLength, priority: 1)
  }

  @inlinable mutating func nextInterarrival() -> Double { -_log(arrivals.nextOpenUnitDouble()) / parameters.arrivalRate }
  @inlinable mutating func nextService() -> Double { -_log(services.nextOpenUnitDouble()) / parameters.serviceRate }

  public mutating func handle(_ event: Event, kernel: inout Kernel<Event>) throws {
    let now = kernel.now
    switch event {
    case .arrival:
      periodArrivals += 1
      if busy {
        queue.pushBack(now)
        recordQueue(at: now)
      } else {
        busy = true
        beginService(arrivedAt: now, now: now)
        try kernel.schedule(.departure, after: nextService())
      }
      try kernel.schedule(.arrival, after: nextInterarrival())
    case .departure:
      if let arrived = queue.popFront() {
        recordQueue(at: now)
        beginService(arrivedAt: arrived, now: now)
        try kernel.schedule(.departure, after: nextService())
      } else {
        busy = false
      }
    case .periodEnd(let index):
      periods.append(PeriodRecord(index: index, endTime: now, arrivals: periodArrivals, served: periodWaits.count,
                                  meanWait: periodWaits.count > 0 ? periodWaits.mean : .nan,
                                  meanQueueLength: periodQueue.average(at: now)))
      periodArrivals = 0
      periodWaits = RunningStatistics()
      periodQueue = TimeWeightedAverage(startTime: now, value: Double(queue.count))
      try kernel.schedule(.periodEnd(index: index + 1), after: parameters.periodLength, priority: 1)
    }
  }

  mutating func beginService(arrivedAt: Double, now: Double) {
    started += 1
    if started > parameters.warmupCustomers {
      waits.add(now - arrivedAt)
      periodWaits.add(now - arrivedAt)
    }
  }

  mutating func recordQueue(at now: Double) {
    queueLength.update(to: Double(queue.count), at: now)
    periodQueue.update(to: Double(queue.count), at: now)
  }

  /// Runs a fresh queue until `customers` services have started; returns it with its kernel.
  public static func simulate(_ parameters: Parameters, seed: UInt64) throws -> (model: MM1Queue, eventsProcessed: Int, endTime: Double) {
    var sim = Simulator(model: MM1Queue(parameters: parameters, seed: seed), capacity: 16)
    try sim.model.start(&sim.kernel)
    while sim.model.started < parameters.customers {
      guard try sim.step() else { break }
    }
    return (sim.model, sim.kernel.eventsProcessed, sim.kernel.now)
  }

  /// ``simulate(_:seed:)`` in invariants mode: only the clock is checked (time never goes back);
  /// a violation throws ``InvariantViolation``.
  public static func simulateChecked(_ parameters: Parameters, seed: UInt64) throws -> (model: MM1Queue, eventsProcessed: Int, endTime: Double) {
    var sim = Simulator(model: MM1Queue(parameters: parameters, seed: seed), capacity: 16)
    try sim.model.start(&sim.kernel)
    while sim.model.started < parameters.customers {
      guard try sim.step(checking: { _ in nil }) else { break }
    }
    return (sim.model, sim.kernel.eventsProcessed, sim.kernel.now)
  }
}
