package com.wuye.workflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run, section by section, and the goals they are judged against; written
 * as {@code results.md} (the table printed at the end) and {@code results.json}.
 */
final class Results {

  record Goal(String goal, String target, String measured, Boolean met) {
  }

  private final Instant started = Instant.now();
  private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
  private final List<Goal> goals = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Map<String, Object> section(String name) {
    return sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
  }

  /** The section if some figure was put in it, else an empty map (nothing is created). */
  Map<String, Object> existing(String name) {
    return sections.getOrDefault(name, Map.of());
  }

  void goal(String goal, String target, String measured, Boolean met) {
    goals.add(new Goal(goal, target, measured, met));
  }

  void note(String note) {
    notes.add(note);
    System.out.println("[bench] note: " + note);
  }

  /**
   * The machine's processor time so far, all cores, in ms: busy (user, nice, system, interrupts)
   * and idle (idle, waiting for I/O), from /proc/stat; zeros where there is none.
   */
  static long[] machineCpuMillis() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long tick = 10; // USER_HZ is 100 on Linux
      long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
          + Long.parseLong(f[6]) + Long.parseLong(f[7]);
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {busy * tick, idle * tick};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memory MB", memTotalMb());
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vendor") + ")");
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch"));
    machine.put("benchmark JVM max heap MB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    machine.put("benchmark JVM flags", String.join(" ",
        ManagementFactory.getRuntimeMXBean().getInputArguments()));
    machine.put("load average at start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return machine;
  }

  private static long memTotalMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }

  Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("started", started.toString());
    map.put("durationSeconds", Duration.between(started, Instant.now()).toSeconds());
    map.putAll(sections);
    List<Map<String, Object>> goalMaps = new ArrayList<>();
    for (Goal g : goals) {
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("goal", g.goal());
      gm.put("target", g.target());
      gm.put("measured", g.measured());
      gm.put("met", g.met());
      goalMaps.add(gm);
    }
    map.put("goals", goalMaps);
    map.put("notes", notes);
    return map;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    md.append("Run started ").append(started).append(", took ")
        .append(Duration.between(started, Instant.now()).toSeconds()).append(" s.\n\n");
    md.append("## Goals\n\n| goal | target | measured | met |\n|---|---|---|---|\n");
    for (Goal g : goals) {
      md.append("| ").append(g.goal()).append(" | ").append(g.target()).append(" | ")
          .append(g.measured()).append(" | ")
          .append(g.met() == null ? "not measured" : g.met() ? "yes" : "**no**").append(" |\n");
    }
    for (var section : sections.entrySet()) {
      md.append("\n## ").append(section.getKey()).append("\n\n| figure | value |\n|---|---|\n");
      flatten("", section.getValue(), md);
    }
    if (!notes.isEmpty()) {
      md.append("\n## Notes\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  private static void flatten(String prefix, Map<String, Object> map, StringBuilder md) {
    for (var entry : map.entrySet()) {
      String key = prefix.isEmpty() ? entry.getKey() : prefix + " / " + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) nested;
        flatten(key, inner, md);
      } else {
        md.append("| ").append(key).append(" | ").append(entry.getValue()).append(" |\n");
      }
    }
  }

  void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(directory.resolve("results.json").toFile(), asMap());
  }
}
