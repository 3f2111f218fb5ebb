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
  static final String CONFIRM_ACTIVITY = "Task_ConfirmKeyOwner";
  static final String HAND_OVER_FORM = "hand-over-key";
  static final String OWNER_NAME_MISMATCH = "OWNER_NAME_MISMATCH";
  static final String CUSTODIAN_GROUP = "key-custodian";
  private static final Logger LOG = LoggerFactory.getLogger(KeyEnvelopeService.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separateTransaction;
  private final CurrentUser currentUser;
  private final com.wuye.workflow.forms.FormCatalog forms;

  KeyEnvelopeService(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      CurrentUser currentUser, com.wuye.workflow.forms.FormCatalog forms) {
    this.forms = forms;
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
   * 核對領取人姓名 (UD-4.4.1.4 / UD-4.4.2.5): whether the name given at the hand-over is the name
   * of who gave consent to lock up ({@link OwnerNames}). A mismatch is written to the envelope's
   * history by the custodian, and the key stays sealed until the office director decides.
   */
  boolean compareClaimant(DelegateExecution execution) {
    KeyEnvelope envelope = sealedOfCase(execution);
    String claimant = text(execution, CLAIMANT_NAME);
    String consent = text(execution, CONSENT_GIVEN_BY);
    boolean same = OwnerNames.same(claimant, consent);
    if (!same) {
      addEvent(envelope.id(), currentUser.id(), OWNER_NAME_MISMATCH, limit("領取人「" + claimant
          + "」(" + document(execution) + ")與同意鎖門及收存鑰匙的「" + consent
          + "」姓名不符;鑰匙未交還,待管理處主任確認。"));
    }
    return same;
  }

  /**
   * Releases the key to its owner. Only the release service task of the envelope's own case
   * may do this, after the custodian's hand-over task was completed, and only to the person
   * who gave consent to lock up — or to another person the office director confirmed with a
   * reason. A diagram from before the director's step (a case in flight since an older
   * release) reaches this task straight from the hand-over: a name that does not match is
   * refused here and the hand-over stays open.
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
    String claimant = text(execution, CLAIMANT_NAME);
    String consent = text(execution, CONSENT_GIVEN_BY);
    boolean matched = OwnerNames.same(claimant, consent);
    boolean confirmed = "YES".equals(execution.getVariable(CLAIMANT_CONFIRMED));
    if (!matched && !confirmed) {
      refuseRelease(envelopeNo, currentUser.id(), limit("領取人「" + claimant
          + "」與同意鎖門及收存鑰匙的「" + consent + "」姓名不符,未經管理處主任確認"));
      boolean olderDiagram = execution.getBpmnModelInstance()
          .getModelElementById(CONFIRM_ACTIVITY) == null;
      throw new FormInputException(CLAIMANT_NAME, "領取人「" + claimant + "」與同意鎖門及收存鑰匙的「"
          + consent + "」姓名不符,鑰匙不予交還,須經管理處主任確認。" + (olderDiagram
          ? "此個案按舊版流程辦理,沒有主任確認的步驟:請系統管理員先把個案轉到最新版流程。" : ""));
    }
    // the custodian who did the hand-over: who acts now, or, after the director's
    // confirmation (which completes in the director's name), who recorded the mismatch
    String by = matched ? currentUser.id() : lastActorOf(envelope, OWNER_NAME_MISMATCH);
    String confirmedBy = matched ? null : currentUser.id();
    String reason = matched ? null : text(execution, CONFIRMATION_REASON);
    jdbc.update("""
        UPDATE key_envelope SET status = ?, released_at = ?, released_by = ?, owner_name = ?,
            owner_id_checked = ?, owner_id_type = ?, owner_id_other = ?, owner_id_last_digits = ?,
            consent_given_by = ?, owner_name_matched = ?, confirmed_by = ?, confirmation_reason = ?
        WHERE id = ? AND status = ?""",
        KeyEnvelope.RELEASED, Timestamp.valueOf(now()), by, claimant,
        Boolean.TRUE.equals(execution.getVariable("ownerIdChecked")),
        text(execution, OWNER_ID_TYPE), text(execution, OWNER_ID_OTHER),
        idDigits(text(execution, OWNER_ID_LAST_DIGITS)), consent, matched, confirmedBy, reason,
        envelope.id(), KeyEnvelope.SEALED);
    if (!matched) {
      addEvent(envelope.id(), confirmedBy, "OWNER_CONFIRMED", limit("管理處主任確認把鑰匙交還「"
          + claimant + "」(同意人「" + consent + "」):" + reason));
    }
    addEvent(envelope.id(), by, "RELEASED", limit("業主「" + claimant + "」已簽收:"
        + execution.getVariable("ownerSignature") + ";" + document(execution)));
  }

  /**
   * 登記鑰匙繼續封存: the office director did not confirm the person at the counter; the key
   * stays sealed and the refusal, with its reason, goes into the envelope's history.
   */
  void keepSealed(DelegateExecution execution) {
    KeyEnvelope envelope = sealedOfCase(execution);
    addEvent(envelope.id(), currentUser.id(), "OWNER_NOT_CONFIRMED", limit("管理處主任不同意把鑰匙交還「"
        + text(execution, CLAIMANT_NAME) + "」,鑰匙繼續封存:" + text(execution, CONFIRMATION_REASON)));
  }

  /** The sealed envelope of the case {@code execution} belongs to. */
  private KeyEnvelope sealedOfCase(DelegateExecution execution) {
    String envelopeNo = (String) execution.getVariable(ENVELOPE_NO);
    return find(envelopeNo)
        .filter(e -> e.processInstanceId().equals(execution.getProcessInstanceId()))
        .filter(e -> KeyEnvelope.SEALED.equals(e.status()))
        .orElseThrow(() -> new IllegalStateException("No sealed key envelope " + envelopeNo
            + " in case " + execution.getProcessInstanceId()));
  }

  /** The identity document as staff name it: "香港身份證,號碼末四位 4567". */
  private String document(DelegateExecution execution) {
    String type = text(execution, OWNER_ID_TYPE);
    if (type == null) {
      return "未記錄證件";
    }
    String name = "OTHER".equals(type) && text(execution, OWNER_ID_OTHER) != null
        ? text(execution, OWNER_ID_OTHER) : forms.optionLabel(HAND_OVER_FORM, OWNER_ID_TYPE, type);
    return name + ",號碼末四位 " + idDigits(text(execution, OWNER_ID_LAST_DIGITS));
  }

  /** The last characters of a document number as recorded: half-width, capital letters. */
  static String idDigits(String value) {
    return value == null ? null
        : java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC).trim()
            .toUpperCase(java.util.Locale.ROOT);
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static String limit(String detail) {
    return detail.length() > 900 ? detail.substring(0, 900) : detail;
  }

  private String lastActorOf(KeyEnvelope envelope, String action) {
    String actor = null;
    for (KeyEnvelope.Event event : envelope.history()) {
      if (action.equals(event.action())) {
        actor = event.actor();
      }
    }
    return actor;
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
              (Boolean) rs.getObject("owner_id_checked"), rs.getString("owner_id_type"),
              rs.getString("owner_id_other"), rs.getString("owner_id_last_digits"),
              rs.getString("consent_given_by"), (Boolean) rs.getObject("owner_name_matched"),
              rs.getString("confirmed_by"), rs.getString("confirmation_reason"), history(id));
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
