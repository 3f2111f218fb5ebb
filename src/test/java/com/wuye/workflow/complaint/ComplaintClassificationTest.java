package com.wuye.workflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision table process owners edit: every rule, first match wins. */
class ComplaintClassificationTest {

  static DmnDecision decision;
  static DmnEngine engine;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/ComplaintClassification.dmn"))) {
      decision = engine.parseDecision("ComplaintClassification", in);
    }
  }

  @ParameterizedTest(name = "{0} / {1} → {2} {3}")
  @DisplayName("CP-1 CP-2 CP-3 CP-6.3 CP-7.2 CP-7.4 CP-7.5 the suggested classification by category and matter")
  @CsvSource(nullValues = "-", value = {
      "OTHER,             發展商未修補天台, ASSISTED, DEVELOPER",
      "FEES,              開發商遺留問題,   ASSISTED, DEVELOPER",
      "DEVELOPER,         天台漏水,         ASSISTED, DEVELOPER",
      "EXTERNAL,          附近地盤噪音,     ASSISTED, EXTERNAL",
      "PUBLIC_FACILITIES, 巴士站遷移,       ASSISTED, EXTERNAL",
      "DEPARTMENT,        會所開放時間,     ASSISTED, DEPARTMENT",
      "SERVICE,           前台無人,         VALID,    -",
      "FEES,              多收管理費,       VALID,    -",
      "FUNDS,             維修基金賬目,     VALID,    -",
      "MAINTENANCE,       水泵,             VALID,    -",
      "OTHER,             保安服務態度差,   VALID,    -",
      "OTHER,             清潔不足,         VALID,    -",
      "OTHER,             鄰居養貓,         INVALID,  -",
  })
  void suggestion(String category, String matter, String classification, String route) {
    DmnDecisionResultEntries result = engine.evaluateDecision(decision,
        Map.of("category", category, "matter", matter)).getSingleResult();
    assertThat(result.get("suggestedClassification")).isEqualTo(classification);
    assertThat(result.get("suggestedAssistedRoute")).isEqualTo(route);
  }
}
