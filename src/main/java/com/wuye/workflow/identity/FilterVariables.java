package com.wuye.workflow.identity;

import java.util.List;
import java.util.Map;

/** The process variables Tasklist shows on every task card, with their Chinese labels. */
final class FilterVariables {

  static final List<Map<String, String>> SHOWN = List.of(
      Map.of("name", "community", "label", "小區"),
      Map.of("name", "building", "label", "樓棟"),
      Map.of("name", "unit", "label", "單位"));

  private FilterVariables() {
  }
}
