package com.wuye.workflow.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Run in a JVM of its own with the application's JVM settings ({@link JvmSettingsTest}): eight
 * threads, one after the other, each commit about 4 MB to an H2 file database that writes every
 * commit before it returns, as the application's does. The JDK copies each write through a
 * native buffer as large as the write and, unless told otherwise, keeps that buffer for the
 * thread. Exits 0 when every commit went to disk.
 */
public final class H2LargeCommits {

  private H2LargeCommits() {
  }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:h2:file:" + args[0] + "/db;WRITE_DELAY=0";
    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      connection.createStatement().execute(
          "CREATE TABLE note (id BIGINT AUTO_INCREMENT PRIMARY KEY, text VARCHAR(4000))");
    }
    String text = "值".repeat(1000) + "x".repeat(1000);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 8; i++) {
        threads.submit(() -> {
          try (Connection connection = DriverManager.getConnection(url, "sa", "");
              PreparedStatement insert = connection.prepareStatement(
                  "INSERT INTO note (text) VALUES (?)")) {
            connection.setAutoCommit(false);
            for (int row = 0; row < 1000; row++) {
              insert.setString(1, text);
              insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
          }
          return null;
        }).get();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
