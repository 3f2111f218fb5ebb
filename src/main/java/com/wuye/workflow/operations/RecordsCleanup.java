package com.wuye.workflow.operations;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the project's own records once they are older than {@code wuye.records.retention}
 * (default three years), every night on one node of the cluster ({@link ClusterLease}). The
 * engine's history is Camunda's own clean-up's business ({@code historyTimeToLive}).
 *
 * <ul>
 *   <li>duty-log lines logged before the cut-off, except those of a case still open (a
 *       complaint not closed, a key envelope still sealed);</li>
 *   <li>key envelopes released before the cut-off, with their history; <b>an envelope still
 *       SEALED is never deleted</b>, however old;</li>
 *   <li>notices to residents issued before the cut-off;</li>
 *   <li>complaints closed before the cut-off, with their visits, missed deadlines and work
 *       circulation slips; collective cases closed before the cut-off whose complaints are all
 *       gone, with their special incident reports.</li>
 * </ul>
 * Everything is deleted in one transaction.
 */
@Component
public class RecordsCleanup {

  static final String TASK = "records-cleanup";
  private static final Logger LOG = LoggerFactory.getLogger(RecordsCleanup.class);

  private static final String COMPLAINTS_DUE = """
      SELECT complaint_no FROM complaint WHERE status = 'CLOSED' AND closed_at < ?""";
  private static final String CASES_DUE = """
      SELECT id FROM collective_case WHERE status = 'CLOSED' AND closed_at < ?
          AND id NOT IN (SELECT collective_case_id FROM complaint
                         WHERE collective_case_id IS NOT NULL)""";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final RecordsRetentionProperties properties;
  private final ClusterLease lease;

  RecordsCleanup(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      RecordsRetentionProperties properties, ClusterLease lease) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.properties = properties;
    this.lease = lease;
  }

  /** The nightly run: only the node that gets the lease cleans up. */
  @Scheduled(cron = "${wuye.records.cleanup-cron:0 30 2 * * *}",
      zone = "${wuye.complaint.time-zone:Asia/Hong_Kong}")
  public void nightly() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (!lease.tryAcquire(TASK, properties.getCleanupLease(), now)) {
      LOG.info("Records clean-up skipped: another node holds it");
      return;
    }
    cleanUp(now);
  }

  /** Deletes what is older than the retention at {@code now}; returns the rows deleted per table. */
  public Map<String, Integer> cleanUp(Instant now) {
    Timestamp cutoff = Timestamp.from(
        now.atZone(ZoneId.systemDefault()).minus(properties.getRetention()).toInstant());
    Map<String, Integer> deleted = transaction.execute(status -> {
      Map<String, Integer> rows = new LinkedHashMap<>();
      rows.put("duty_log", jdbc.update("""
          DELETE FROM duty_log WHERE logged_at < ?
              AND process_instance_id NOT IN (SELECT process_instance_id FROM key_envelope
                                              WHERE status = 'SEALED')
              AND process_instance_id NOT IN (SELECT process_instance_id FROM complaint
                                              WHERE status <> 'CLOSED')""", cutoff));
      rows.put("key_envelope_event", jdbc.update("""
          DELETE FROM key_envelope_event WHERE envelope_id IN (SELECT id FROM key_envelope
              WHERE status = 'RELEASED' AND released_at < ?)""", cutoff));
      rows.put("key_envelope", jdbc.update(
          "DELETE FROM key_envelope WHERE status = 'RELEASED' AND released_at < ?", cutoff));
      rows.put("resident_notice", jdbc.update(
          "DELETE FROM resident_notice WHERE issued_at < ?", cutoff));
      rows.put("visit_record", jdbc.update(
          "DELETE FROM visit_record WHERE complaint_no IN (" + COMPLAINTS_DUE + ")", cutoff));
      rows.put("deadline_miss", jdbc.update(
          "DELETE FROM deadline_miss WHERE complaint_no IN (" + COMPLAINTS_DUE + ")", cutoff));
      rows.put("complaint_attachment", jdbc.update("DELETE FROM complaint_attachment WHERE"
          + " complaint_no IN (" + COMPLAINTS_DUE + ") OR mail_id IN (SELECT id FROM complaint_mail"
          + " WHERE complaint_no IS NULL AND status IN ('SET_ASIDE', 'REVIEWED') AND read_at < ?)",
          cutoff, cutoff));
      rows.put("complaint_mail", jdbc.update("DELETE FROM complaint_mail WHERE complaint_no IN ("
          + COMPLAINTS_DUE + ") OR (complaint_no IS NULL AND status IN ('SET_ASIDE', 'REVIEWED')"
          + " AND read_at < ?)", cutoff, cutoff));
      rows.put("written_reply", jdbc.update(
          "DELETE FROM written_reply WHERE complaint_no IN (" + COMPLAINTS_DUE + ")", cutoff));
      rows.put("work_circulation_slip_entry", jdbc.update("DELETE FROM "
          + "work_circulation_slip_entry WHERE slip_id IN (SELECT id FROM work_circulation_slip "
          + "WHERE complaint_no IN (" + COMPLAINTS_DUE + "))", cutoff));
      rows.put("work_circulation_slip", jdbc.update(
          "DELETE FROM work_circulation_slip WHERE complaint_no IN (" + COMPLAINTS_DUE + ")",
          cutoff));
      rows.put("complaint", jdbc.update(
          "DELETE FROM complaint WHERE status = 'CLOSED' AND closed_at < ?", cutoff));
      rows.put("special_incident_report", jdbc.update(
          "DELETE FROM special_incident_report WHERE collective_case_id IN (" + CASES_DUE + ")",
          cutoff));
      rows.put("collective_case", jdbc.update(
          "DELETE FROM collective_case WHERE id IN (" + CASES_DUE + ")", cutoff));
      rows.put("monthly_report", jdbc.update(
          "DELETE FROM monthly_report WHERE computed_at < ?", cutoff));
      // mail still waiting to go out is kept whatever its age
      rows.put("mail_outbox", jdbc.update(
          "DELETE FROM mail_outbox WHERE status <> 'PENDING' AND status <> 'SENDING' AND created_at < ?",
          cutoff));
      return rows;
    });
    LOG.info("Records clean-up: deleted records older than {} (before {}): {}",
        properties.getRetention(), cutoff, deleted);
    return deleted;
  }
}
