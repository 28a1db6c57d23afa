import Matching
import Simulation

// DOMAIN §2.2: property-rights registration (fee, delay and publicity, detection of bad
// products, first-submission failure and one resubmission).
extension DataMarketModel {

  func applyForRegistration(_ id: Int32) {
    products[Int(id)].registrationAttempts += 1
    let fee = config.registry.fee
    ledger.post(fee, .registrationFee, from: .providers, to: .registry)
    ledger.post(config.registry.costPerRegistration, .realCost, from: .registry, to: .world)
    products[Int(id)].fees += fee
    national.registrationsApplied += 1
  }

  func registrationDecision(_ id: Int32, kernel: inout Kernel<Event>) throws {
    var p = products[Int(id)]
    let caught = p.bad && unitDouble(&screeningRNG) < config.registry.detection
    let passes = p.registrationAttempts == 1 ? unitDouble(&screeningRNG) >= config.registry.firstSubmissionFailure
                                             : unitDouble(&screeningRNG) < config.registry.resubmissionPass
    if !caught && passes {
      p.certified = true
      national.registrationsGranted += 1
      products[Int(id)] = p
      try requestListing(id, kernel: &kernel)
    } else if !caught && p.registrationAttempts == 1 {
      products[Int(id)] = p
      applyForRegistration(id)
      try kernel.schedule(.registrationDecision(product: id), after: config.registry.days)
    } else {
      products[Int(id)] = p
      try requestListing(id, kernel: &kernel)
    }
  }
}
