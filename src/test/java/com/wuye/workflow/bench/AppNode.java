package com.wuye.workflow.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application in a JVM of its own, as an operator runs it: {@code java <the
 * README's JVM options> -jar wuye-workflow.jar}, on a database the benchmark chose. Throughput
 * and the Tasklist request are driven against it over HTTP, and its resident memory is read
 * from /proc, so that the driver's own memory and threads are not counted.
 */
final class AppNode implements AutoCloseable {

  private final Process process;
  private final int port;

  private AppNode(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the jar and waits for Spring Boot's "Started" line.
   *
   * @param jvmOptions the JVM options of the README's run command (pom property
   *     {@code app.jvmOptions})
   * @param arguments the application's arguments (database, profiles); the port is chosen here
   */
  static AppNode start(Path jar, List<String> jvmOptions, List<String> arguments,
      Map<String, String> environment, Path log) throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(StartupProbe.java());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.addAll(arguments);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < giveUp) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application stopped during start-up (exit "
            + process.exitValue() + "); see " + log);
      }
      if (Files.readString(log).contains("Started WorkflowApplication")) {
        return new AppNode(process, port);
      }
      Thread.sleep(250);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the application did not start within 300 s; see " + log);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Resident memory of the application's JVM in MB (VmRSS), and its peak (VmHWM). */
  long[] residentMb() {
    return new long[] {StartupProbe.statusMb(process.pid(), "VmRSS"),
        StartupProbe.statusMb(process.pid(), "VmHWM")};
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
