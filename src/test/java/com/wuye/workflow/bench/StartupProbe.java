package com.wuye.workflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts an application as its own JVM, the way an operator does (with the JVM options the
 * caller gives: the README's), and measures
 * the wall-clock time from launching {@code java} to Spring Boot's "Started … in … seconds" line
 * (the application context is refreshed: engine built, processes deployed, web server
 * listening), then its resident memory (VmRSS of /proc/PID/status) and the processor time it
 * has used (/proc/PID/stat; of it, the JIT compiler threads') at that moment. The application's
 * log is kept in {@code target/bench/startup-*.log}.
 */
final class StartupProbe {

  private static final Pattern STARTED =
      Pattern.compile("Started (\\S+) in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

  record Start(double wallSeconds, double springSeconds, long rssMb, double cpuSeconds,
      double compilerCpuSeconds, boolean ok) {
  }

  /** Linux's /proc counts processor time in clock ticks of 1/100 s (USER_HZ). */
  private static final double TICK = 0.01;

  private StartupProbe() {
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Start run(List<String> command, Map<String, String> environment, Path log,
      int timeoutSeconds) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    long launched = System.nanoTime();
    Process process = builder.start();
    CountDownLatch ready = new CountDownLatch(1);
    double[] times = {Double.NaN, Double.NaN};
    Files.createDirectories(log.getParent());
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
        String line;
        while ((line = in.readLine()) != null) {
          out.println(line);
          Matcher m = STARTED.matcher(line);
          if (m.find() && ready.getCount() > 0) {
            times[0] = (System.nanoTime() - launched) / 1e9;
            times[1] = Double.parseDouble(m.group(2));
            ready.countDown();
          }
        }
      } catch (IOException ignored) {
        // the process went away
      }
    }, "startup-log-" + log.getFileName());
    reader.setDaemon(true);
    reader.start();
    long giveUp = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    boolean ok = false;
    while (!ok && process.isAlive() && System.nanoTime() < giveUp) {
      ok = ready.await(200, TimeUnit.MILLISECONDS);
    }
    ok = ok || ready.await(1, TimeUnit.SECONDS);
    long rss = ok ? rssMb(process.pid()) : -1;
    double cpu = ok ? cpuSeconds(Path.of("/proc/" + process.pid() + "/stat")) : Double.NaN;
    double compilers = ok ? compilerCpuSeconds(process.pid()) : Double.NaN;
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    reader.join(5_000);
    return new Start(times[0], times[1], rss, cpu, compilers, ok);
  }

  /** User and system time of a process or thread (utime + stime of its stat file), seconds. */
  static double cpuSeconds(Path stat) {
    try {
      String line = Files.readString(stat);
      // the command name may contain spaces and parentheses: count fields after the last ')'
      String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Processor time of the JVM's JIT compiler threads ("C1 CompilerThre…", "C2 …"), seconds. */
  static double compilerCpuSeconds(long pid) {
    double sum = 0;
    try (var threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path thread : threads.toList()) {
        String name = Files.readString(thread.resolve("comm")).trim();
        if (name.matches("C[12] Compiler.*")) {
          sum += cpuSeconds(thread.resolve("stat"));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return sum;
  }

  /** Resident memory of a process in MB, from /proc/PID/status (VmRSS). */
  static long rssMb(long pid) {
    return statusMb(pid, "VmRSS");
  }

  /** A figure of /proc/PID/status in MB; -1 if there is none. */
  static long statusMb(long pid, String field) {
    long kb = statusKb("/proc/" + pid + "/status", field);
    return kb < 0 ? -1 : kb / 1024;
  }

  static long vmRssKb(String statusFile) {
    return statusKb(statusFile, "VmRSS");
  }

  /** A figure of /proc/…/status in kB ({@code VmRSS}, {@code VmHWM}, …); -1 if there is none. */
  static long statusKb(String statusFile, String field) {
    try {
      for (String line : Files.readAllLines(Path.of(statusFile))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or gone
    }
    return -1;
  }

  static List<String> command(String... parts) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(List.of(parts));
    return command;
  }
}
