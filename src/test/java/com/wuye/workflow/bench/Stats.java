package com.wuye.workflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles (nearest rank) of a list of measurements in milliseconds. */
final class Stats {

  private Stats() {
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static Map<String, Object> summary(List<Double> millis) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("n", millis.size());
    map.put("p50 ms", round(percentile(millis, 50)));
    map.put("p95 ms", round(percentile(millis, 95)));
    map.put("max ms", round(percentile(millis, 100)));
    map.put("mean ms", round(millis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
    return map;
  }

  static double round(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
