package com.wuye.workflow.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes of one benchmark run. {@code -Dbench.scale=small} (the default; what CI runs) or
 * {@code full}; any single size can be overridden with {@code -Dbench.<name>=<value>}, e.g.
 * {@code -Dbench.history=20000}. {@code -Dbench.parts=startup,throughput,deadlines,tasklist,report}
 * runs only some parts; {@code -Dbench.databases=h2,postgres} chooses where throughput runs.
 */
record BenchSizes(
    String scale,
    List<String> parts,
    List<String> databases,
    int startupRepeats,
    int warmup,
    int rounds,
    int batch,
    int sizeInstances,
    int timers,
    int openTasks,
    int h2OpenTasks,
    int history,
    int historyBatch,
    int queryWarmup,
    int queries,
    int queryBudgetSeconds,
    int reportComplaints,
    int reportRepeats,
    int dashboardComplaints,
    int dashboardRequests,
    int threads,
    int deadlineTimeoutSeconds) {

  static final List<String> ALL_PARTS =
      List.of("startup", "throughput", "footprint", "deadlines", "tasklist", "report",
          "dashboard");

  static BenchSizes fromSystemProperties() {
    String scale = System.getProperty("bench.scale", "small");
    boolean full = scale.equals("full");
    if (!full && !scale.equals("small")) {
      throw new IllegalArgumentException("bench.scale must be small or full: " + scale);
    }
    return new BenchSizes(
        scale,
        list("bench.parts", String.join(",", ALL_PARTS)),
        list("bench.databases", "h2,postgres"),
        size("bench.startupRepeats", full ? 5 : 1),
        size("bench.warmup", full ? 30 : 10),
        size("bench.rounds", full ? 20 : 3),
        size("bench.batch", full ? 30 : 15),
        size("bench.sizeInstances", full ? 200 : 50),
        size("bench.timers", full ? 1_000 : 50),
        size("bench.openTasks", full ? 10_000 : 500),
        size("bench.h2OpenTasks", 500),
        size("bench.history", full ? 100_000 : 1_000),
        size("bench.historyBatch", 10),
        size("bench.queryWarmup", full ? 20 : 20),
        size("bench.queries", full ? 100 : 100),
        size("bench.queryBudgetSeconds", full ? 90 : 45),
        size("bench.reportComplaints", 10_000),
        size("bench.reportRepeats", full ? 10 : 5),
        size("bench.dashboardComplaints", full ? 100_000 : 5_000),
        size("bench.dashboardRequests", full ? 50 : 20),
        size("bench.threads", 2),
        size("bench.deadlineTimeoutSeconds", full ? 900 : 300));
  }

  boolean runs(String part) {
    return parts.contains(part);
  }

  Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("scale", scale);
    map.put("parts", String.join(",", parts));
    map.put("throughput databases", String.join(",", databases));
    map.put("start-ups per application", startupRepeats);
    map.put("throughput warm-up (each)", warmup);
    map.put("throughput rounds x batch (each)", rounds + " x " + batch);
    map.put("footprint instances (each)", sizeInstances);
    map.put("escalation timers due together", timers);
    map.put("open tasks", openTasks);
    map.put("open tasks on H2 (Tasklist query)", h2OpenTasks);
    map.put("completed complaints added to history (per transaction)", history + " (" + historyBatch + ")");
    map.put("Tasklist queries (warm-up + measured, at most s each series)", queryWarmup + " + " + queries
        + ", " + queryBudgetSeconds + " s");
    map.put("monthly report complaints", reportComplaints);
    map.put("dashboard complaints over 12 months (requests measured)", dashboardComplaints + " (" + dashboardRequests + ")");
    map.put("driver threads for data generation", threads);
    return map;
  }

  private static int size(String property, int fallback) {
    String value = System.getProperty(property);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  private static List<String> list(String property, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = fallback;
    }
    return List.of(value.trim().split("\\s*,\\s*"));
  }
}
