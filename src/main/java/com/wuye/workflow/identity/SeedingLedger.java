package com.wuye.workflow.identity;

import java.sql.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the identity seeding has created, one row per item ({@code identity_seeding}). An item
 * is created once: after that, whether it still exists is the administrators' business.
 */
@Component
public class SeedingLedger {

  private final JdbcTemplate jdbc;
  private boolean recordingExisting;
  /** The ledger as read once at start-up, plus what this start recorded. */
  private java.util.Set<String> items;

  SeedingLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
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
      jdbc.update("INSERT INTO identity_seeding (item, seeded_at) VALUES (?, ?)", key(item),
          new Timestamp(System.currentTimeMillis()));
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      // two nodes starting together: the item is recorded either way
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
