package com.wuye.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuye.workflow.EmbeddedPostgres;
import com.wuye.workflow.WorkflowApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The identity seeding is one transaction (IdentitySeeder). On PostgreSQL a statement that
 * fails ends its transaction, so a node must not lose its whole seeding when another node,
 * starting at the same moment, writes the same ledger item first.
 */
class SeedingPostgresTest {

  private static final String ITEM = "group:guard-leader";

  private static ConfigurableApplicationContext start(String url) {
    return new SpringApplicationBuilder(WorkflowApplication.class)
        .profiles("postgres", "demo")
        .run("--server.port=0",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + EmbeddedPostgres.USER,
            "--spring.datasource.password=" + EmbeddedPostgres.PASSWORD,
            "--wuye.identity.allow-demo-users=true",
            "--camunda.bpm.job-execution.enabled=false");
  }

  @Test
  @DisplayName("A node whose seeding meets an item another node is writing at that moment waits, keeps the other node's item and starts")
  void seedingWaitsForTheOtherNodesItem() throws Exception {
    String url = EmbeddedPostgres.freshDatabase("seeding");
    start(url).close();
    try (Connection otherNode = DriverManager.getConnection(url, EmbeddedPostgres.USER,
        EmbeddedPostgres.PASSWORD)) {
      // as if the group had been added to the configuration since: not yet in the ledger
      update(otherNode, "DELETE FROM identity_seeding WHERE item = ?");
      otherNode.setAutoCommit(false);
      // the other node, in the middle of its own seeding: its row written, not yet committed
      update(otherNode, "INSERT INTO identity_seeding (item, seeded_at) VALUES (?, now())");

      CompletableFuture<ConfigurableApplicationContext> starting =
          CompletableFuture.supplyAsync(() -> start(url));
      waitUntilTheLedgerWaits(otherNode, starting);
      otherNode.commit();

      try (ConfigurableApplicationContext node = starting.get(3, TimeUnit.MINUTES)) {
        var identity = node.getBean(ProcessEngine.class).getIdentityService();
        assertThat(identity.createGroupQuery().groupId("guard-leader").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("guard").memberOfGroup("guard-leader")
            .count()).as("the rest of the seeding is there").isEqualTo(1);
        assertThat(node.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
            .queryForObject("SELECT COUNT(*) FROM identity_seeding WHERE item = ?",
                Integer.class, ITEM)).isEqualTo(1);
      }
    }
  }

  /** Until the starting node's ledger row waits for the other node's uncommitted one. */
  private static void waitUntilTheLedgerWaits(Connection otherNode,
      CompletableFuture<ConfigurableApplicationContext> starting) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    try (Connection observer = DriverManager.getConnection(
        otherNode.getMetaData().getURL(), EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD);
        PreparedStatement waiting = observer.prepareStatement("""
            SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
              AND query LIKE 'INSERT INTO identity_seeding%'""")) {
      while (true) {
        try (var rows = waiting.executeQuery()) {
          rows.next();
          if (rows.getInt(1) > 0) {
            return;
          }
        }
        if (starting.isDone()) {
          starting.get(); // a start that failed says why
          throw new AssertionError("the node started without meeting the other node's item");
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the node's seeding never reached the other node's item");
        }
        Thread.sleep(20);
      }
    }
  }

  private static void update(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, ITEM);
      statement.executeUpdate();
    }
  }
}
