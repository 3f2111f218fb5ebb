package com.wuye.workflow.unlockeddoor;

import com.wuye.workflow.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The key envelopes for the key custodian and the managers: what is sealed, since when, signed
 * by whom, and everything that happened to each. There is deliberately no way to release an
 * envelope here: a request to do so is refused and written to the envelope's history.
 */
@RestController
@RequestMapping("/api/key-envelopes")
class KeyEnvelopeController {

  static final String[] READERS = {"key-custodian", "duty-officer", "office-director",
      "deputy-gm", "general-manager", "camunda-admin"};

  private final KeyEnvelopeService envelopes;
  private final CurrentUser currentUser;
  private final com.wuye.workflow.office.Offices offices;

  KeyEnvelopeController(KeyEnvelopeService envelopes, CurrentUser currentUser,
      com.wuye.workflow.office.Offices offices) {
    this.envelopes = envelopes;
    this.currentUser = currentUser;
    this.offices = offices;
  }

  @GetMapping
  List<KeyEnvelope> list(@RequestParam(defaultValue = KeyEnvelope.SEALED) String status) {
    currentUser.require(READERS);
    if (!List.of(KeyEnvelope.SEALED, KeyEnvelope.RELEASED).contains(status)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "「status」須為 SEALED 或 RELEASED。");
    }
    return envelopes.findByStatus(status, offices.recordFilter());
  }

  @GetMapping("/{envelopeNo}")
  KeyEnvelope get(@PathVariable String envelopeNo) {
    currentUser.require(READERS);
    // another office's envelope is answered as if it did not exist
    return envelopes.find(envelopeNo).filter(e -> offices.callerSees(e.officeId())).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "沒有專用信封「" + envelopeNo + "」。"));
  }

  /**
   * Always refused. The attempt is written to the envelope's history when the envelope exists;
   * the answer is the same either way, so it tells nobody which envelope numbers exist.
   */
  @PostMapping("/{envelopeNo}/release")
  ResponseEntity<Map<String, String>> release(@PathVariable String envelopeNo) {
    envelopes.refuseRelease(envelopeNo, currentUser.id(), "經 REST 要求打開專用信封");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message",
        "在業主簽收前任何人不得打開封存的鑰匙;鑰匙只能在「業主簽收鑰匙」任務中交還業主。"));
  }
}
