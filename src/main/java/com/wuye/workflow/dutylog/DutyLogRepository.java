package com.wuye.workflow.dutylog;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The duty log table. Written through the same DataSource and transaction manager as the
 * engine, so an entry exists exactly when the engine's step that produced it was committed.
 */
@Repository
public class DutyLogRepository {

  private static final RowMapper<DutyLogEntry> ROW = (rs, n) -> new DutyLogEntry(
      rs.getLong("id"), rs.getTimestamp("logged_at").toLocalDateTime(),
      rs.getString("community"), rs.getString("building"), rs.getString("unit"),
      rs.getString("process_key"), rs.getString("process_instance_id"),
      rs.getString("business_key"), rs.getString("entry_type"), rs.getString("summary"),
      rs.getString("recorded_by"), rs.getString("office_id"));

  private final JdbcTemplate jdbc;

  public DutyLogRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(LocalDateTime loggedAt, String officeId, String community, String building,
      String unit, String processKey, String processInstanceId, String businessKey,
      String entryType, String summary, String recordedBy) {
    jdbc.update("""
        INSERT INTO duty_log (logged_at, office_id, community, building, unit, process_key,
            process_instance_id, business_key, entry_type, summary, recorded_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        Timestamp.valueOf(loggedAt), officeId, community, building, unit, processKey,
        processInstanceId, businessKey, entryType, summary, recordedBy);
  }

  /**
   * Entries from {@code from} (inclusive) to {@code to} (exclusive) of the offices
   * {@code officeIds} (null: every office), optionally of one community or case.
   */
  public List<DutyLogEntry> find(LocalDateTime from, LocalDateTime to, List<String> officeIds,
      String community, String processInstanceId, int limit) {
    StringBuilder sql = new StringBuilder(
        "SELECT * FROM duty_log WHERE logged_at >= ? AND logged_at < ?");
    List<Object> args = new ArrayList<>(List.of(Timestamp.valueOf(from), Timestamp.valueOf(to)));
    sql.append(com.wuye.workflow.office.Offices.restrict("office_id", officeIds, args));
    if (community != null) {
      sql.append(" AND community = ?");
      args.add(community);
    }
    if (processInstanceId != null) {
      sql.append(" AND process_instance_id = ?");
      args.add(processInstanceId);
    }
    sql.append(" ORDER BY logged_at, id LIMIT ?");
    args.add(limit);
    return jdbc.query(sql.toString(), ROW, args.toArray());
  }

  public List<DutyLogEntry> forInstance(String processInstanceId) {
    return jdbc.query("SELECT * FROM duty_log WHERE process_instance_id = ? ORDER BY id",
        ROW, processInstanceId);
  }
}
