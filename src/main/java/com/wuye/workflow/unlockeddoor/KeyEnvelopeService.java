package com.wuye.workflow.unlockeddoor;

import static com.wuye.workflow.unlockeddoor.UnlockedDoorVariables.*;

import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.security.CurrentUser;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sealed key envelopes. From sealing until the owner signs for the key nothing can release
 * an envelope (UD-4.4.1.3 / UD-4.4.2.4): the only way is {@link #release}, which only the
 * service task after the key custodian's hand-over task may call. Every other attempt is
 * refused and written to the envelope's history in a transaction of its own, so the record of
 * the attempt survives the refusal.
 */
@Service
public class KeyEnvelopeService implements com.wuye.workflow.security.CaseRefusals {

  static final String RELEASE_ACTIVITY = "ServiceTask_ReleaseKeyEnvelope";
  static final String CUSTODIAN_GROUP = "key-custodian";
  private static final Logger LOG = LoggerFactory.getLogger(KeyEnvelopeService.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separateTransaction;
  private final CurrentUser currentUser;

  KeyEnvelopeService(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.separateTransaction = new TransactionTemplate(transactions);
    this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.currentUser = currentUser;
  }

  static LocalDateTime now() {
    return LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
  }

  /** Registers the envelope the guard leader sealed on site; the caller's transaction. */
  void seal(DelegateExecution execution) {
    String envelopeNo = (String) execution.getVariable(ENVELOPE_NO);
    if (find(envelopeNo).isPresent()) {
      throw new FormInputException(ENVELOPE_NO, "專用信封編號「" + envelopeNo + "」已被使用。");
    }
    String sealedBy = currentUser.id();
    LocalDateTime sealedAt = now();
    jdbc.update("""
        INSERT INTO key_envelope (envelope_no, office_id, process_instance_id, business_key,
            community, building, unit, status, sealed_at, sealed_by, finder_name, finder_phone,
            finder_signature, onsite_staff_signature, third_party_name, third_party_signature,
            custodian_group)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        envelopeNo, execution.getTenantId(), execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        execution.getVariable(COMMUNITY), execution.getVariable(BUILDING),
        execution.getVariable(UNIT), KeyEnvelope.SEALED, Timestamp.valueOf(sealedAt),
        sealedBy == null ? "system" : sealedBy, execution.getVariable(FINDER_NAME),
        execution.getVariable(FINDER_PHONE), execution.getVariable("finderSignature"),
        execution.getVariable("onSiteStaffSignature"), execution.getVariable("thirdPartyName"),
        execution.getVariable("thirdPartySignature"), CUSTODIAN_GROUP);
    long id = idOf(envelopeNo);
    addEvent(id, sealedBy, "SEALED", "鑰匙已放入專用信封封存並簽字");
  }

  /**
   * Releases the key to its owner. Only the release service task of the envelope's own case
   * may do this, after the custodian's hand-over task was completed.
   */
  void release(DelegateExecution execution) {
    String envelopeNo = (String) execution.getVariable(ENVELOPE_NO);
    KeyEnvelope envelope = find(envelopeNo).orElseThrow(() ->
        new IllegalStateException("No key envelope " + envelopeNo));
    if (!RELEASE_ACTIVITY.equals(execution.getCurrentActivityId())
        || !envelope.processInstanceId().equals(execution.getProcessInstanceId())
        || !KeyEnvelope.SEALED.equals(envelope.status())) {
      refuseRelease(envelopeNo, currentUser.id(), "不是經「業主簽收鑰匙」任務的交還");
      throw new FormInputException(ENVELOPE_NO, "專用信封只能在業主簽收後交還。");
    }
    String by = currentUser.id();
    jdbc.update("""
        UPDATE key_envelope SET status = ?, released_at = ?, released_by = ?, owner_name = ?,
            owner_id_checked = ?
        WHERE id = ? AND status = ?""",
        KeyEnvelope.RELEASED, Timestamp.valueOf(now()), by, execution.getVariable("ownerName"),
        Boolean.TRUE.equals(execution.getVariable("ownerIdChecked")), envelope.id(),
        KeyEnvelope.SEALED);
    addEvent(envelope.id(), by, "RELEASED",
        "業主「" + execution.getVariable("ownerName") + "」已簽收:" + execution.getVariable("ownerSignature"));
  }

  /** The envelopes of a case still sealed (at most one). */
  public List<String> sealedOf(String processInstanceId) {
    return jdbc.queryForList("SELECT envelope_no FROM key_envelope WHERE process_instance_id = ?"
        + " AND status = ?", String.class, processInstanceId, KeyEnvelope.SEALED);
  }

  /**
   * A refused attempt on a task of a case whose key is sealed (a forged field, a foreign
   * submission, an error thrown from outside) goes into the envelope's history too.
   */
  @Override
  public void refused(String processInstanceId, String actor, String what) {
    for (String envelopeNo : sealedOf(processInstanceId)) {
      separateTransaction.executeWithoutResult(status -> addEvent(idOf(envelopeNo), actor,
          "REFUSED", what.length() > 900 ? what.substring(0, 900) : what));
    }
  }

  /** Writes a refused release attempt to the envelope's history, whatever happens next. */
  public void refuseRelease(String envelopeNo, String actor, String reason) {
    LOG.warn("Refused to release key envelope {} to {}: {}", envelopeNo, actor, reason);
    separateTransaction.executeWithoutResult(status ->
        find(envelopeNo).ifPresent(envelope ->
            addEvent(envelope.id(), actor, "RELEASE_REFUSED", reason)));
  }

  public Optional<KeyEnvelope> find(String envelopeNo) {
    if (envelopeNo == null) {
      return Optional.empty();
    }
    List<KeyEnvelope> found = jdbc.query("SELECT * FROM key_envelope WHERE envelope_no = ?",
        (rs, n) -> {
          long id = rs.getLong("id");
          return new KeyEnvelope(id, rs.getString("envelope_no"), rs.getString("office_id"),
              rs.getString("process_instance_id"), rs.getString("community"),
              rs.getString("building"), rs.getString("unit"), rs.getString("status"),
              rs.getTimestamp("sealed_at").toLocalDateTime(), rs.getString("sealed_by"),
              rs.getString("finder_name"), rs.getString("finder_phone"),
              rs.getString("finder_signature"), rs.getString("onsite_staff_signature"),
              rs.getString("third_party_name"), rs.getString("third_party_signature"),
              rs.getString("custodian_group"),
              rs.getTimestamp("released_at") == null ? null
                  : rs.getTimestamp("released_at").toLocalDateTime(),
              rs.getString("released_by"), rs.getString("owner_name"),
              (Boolean) rs.getObject("owner_id_checked"), history(id));
        }, envelopeNo);
    return found.stream().findFirst();
  }

  /** The envelopes in {@code status} of the offices {@code officeIds} (null: every office). */
  public List<KeyEnvelope> findByStatus(String status, List<String> officeIds) {
    List<Object> args = new java.util.ArrayList<>(List.of(status));
    String offices = com.wuye.workflow.office.Offices.restrict("office_id", officeIds, args);
    return jdbc.queryForList("SELECT envelope_no FROM key_envelope WHERE status = ?" + offices
        + " ORDER BY sealed_at", String.class, args.toArray()).stream()
        .map(no -> find(no).orElseThrow()).toList();
  }

  private List<KeyEnvelope.Event> history(long envelopeId) {
    return jdbc.query("SELECT * FROM key_envelope_event WHERE envelope_id = ? ORDER BY id",
        (rs, n) -> new KeyEnvelope.Event(rs.getTimestamp("happened_at").toLocalDateTime(),
            rs.getString("actor"), rs.getString("action"), rs.getString("detail")),
        envelopeId);
  }

  private long idOf(String envelopeNo) {
    return jdbc.queryForObject("SELECT id FROM key_envelope WHERE envelope_no = ?", Long.class,
        envelopeNo);
  }

  private void addEvent(long envelopeId, String actor, String action, String detail) {
    jdbc.update("""
        INSERT INTO key_envelope_event (envelope_id, happened_at, actor, action, detail)
        VALUES (?, ?, ?, ?, ?)""", envelopeId, Timestamp.valueOf(now()), actor, action, detail);
  }
}
