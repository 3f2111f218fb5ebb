package com.wuye.workflow.operations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Work that only one node of a cluster may do at a time. Each task has one row in
 * {@code scheduled_task_lease}; a node takes the lease with a single UPDATE that succeeds only
 * when the previous lease has run out, so of several nodes whose schedule fires at the same
 * moment exactly one goes ahead. Times are epoch milliseconds, whatever each node's time zone. The lease is not given back early: nodes whose clocks differ
 * by a few seconds still see it taken. A node that dies while holding it blocks the task only
 * until the lease runs out.
 */
@Component
public class ClusterLease {

  private final JdbcTemplate jdbc;
  private final String nodeId;

  ClusterLease(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.nodeId = hostName() + "/" + UUID.randomUUID();
  }

  /** True when this node now holds the lease of {@code task} until {@code now + duration}. */
  public boolean tryAcquire(String task, Duration duration, Instant now) {
    return tryAcquire(task, nodeId, duration, now);
  }

  boolean tryAcquire(String task, String node, Duration duration, Instant now) {
    return jdbc.update("""
        UPDATE scheduled_task_lease SET held_by = ?, lease_until = ?
        WHERE task_name = ? AND lease_until <= ?""",
        node, now.plus(duration).toEpochMilli(), task, now.toEpochMilli()) == 1;
  }

  public String nodeId() {
    return nodeId;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
