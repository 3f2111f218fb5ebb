package com.wuye.workflow.identity;

import java.sql.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the identity seeding has created, one row per item ({@code identity_seeding}). An item
 * is created once: after that, whether it still exists is the administrators' business.
 */
@Component
public class SeedingLedger {

  private final JdbcTemplate jdbc;
  /** A savepoint around each row: a row another node wrote meanwhile does not undo the rest. */
  private final TransactionTemplate savepoint;
  private boolean recordingExisting;
  /** The ledger as read once at start-up, plus what this start recorded. */
  private java.util.Set<String> items;

  SeedingLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  private java.util.Set<String> items() {
    if (items == null) {
      items = new java.util.HashSet<>(
          jdbc.queryForList("SELECT item FROM identity_seeding", String.class));
    }
    return items;
  }

  boolean isEmpty() {
    return items().isEmpty();
  }

  public boolean contains(String item) {
    return items().contains(key(item));
  }

  /**
   * True the first time an item is seen (and records it). While an installation seeded before
   * the ledger is taken over, permissions are recorded as seeded without being granted again,
   * so a permission revoked before the upgrade stays revoked.
   */
  boolean firstTime(String item) {
    if (contains(item)) {
      return false;
    }
    record(item);
    return !(recordingExisting && item.startsWith("grant:"));
  }

  public void record(String item) {
    items().add(key(item));
    try {
      savepoint.executeWithoutResult(status -> jdbc.update(
          "INSERT INTO identity_seeding (item, seeded_at) VALUES (?, ?)", key(item),
          new Timestamp(System.currentTimeMillis())));
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      // two nodes starting together: the item is recorded either way. The seeding is one
      // transaction (IdentitySeeder); on PostgreSQL a failed statement would end it, so the row
      // has a savepoint of its own. The caller then finds the other node's item and keeps it.
    }
  }

  void startRecordingExisting() {
    recordingExisting = true;
  }

  void stopRecordingExisting() {
    recordingExisting = false;
  }

  private static String key(String item) {
    return item.length() > 400 ? item.substring(0, 400) : item;
  }
}
