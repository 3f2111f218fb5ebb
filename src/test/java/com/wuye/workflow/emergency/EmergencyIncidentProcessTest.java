package com.wuye.workflow.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.dutylog.DutyLogEntry;
import com.wuye.workflow.forms.FormInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

class EmergencyIncidentProcessTest extends ProcessTestSupport {

  @TestConfiguration
  static class Coverage extends ProcessEngineCoverageConfiguration {
    @Bean
    @Override
    public ProcessEngineCoverageProperties defaultCoverageProperties() {
      return fullCoverageOf("EmergencyIncidentProcess");
    }
  }

  @Autowired
  JdbcTemplate jdbc;

  static Map<String, Object> report(String kind) {
    return Map.of("incidentKind", kind, "community", "翠苑小區", "place", "B座大堂",
        "reporterName", "李值班", "situation", "現場報告");
  }

  static String guidance(String kind) throws Exception {
    return Files.readString(Path.of("processes/guidance/" + kind + ".md"), StandardCharsets.UTF_8).trim();
  }

  List<Map<String, Object>> noticesOf(ProcessInstance instance) {
    return jdbc.queryForList("SELECT * FROM resident_notice WHERE process_instance_id = ?",
        instance.getId());
  }

  @Test
  @DisplayName("EM-1 fire: the responder's checklist in the procedure's words, 119 called with its time; the office director is informed at once")
  void fire() throws Exception {
    ProcessInstance instance = start("duty", "EmergencyIncidentProcess", report("FIRE"));

    assertThat(instance).isWaitingAt("Task_RespondToFire", "Task_AcknowledgeFireReport");
    assertThat(candidateGroups(task("director", instance, "Task_AcknowledgeFireReport")))
        .containsExactly("office-director");
    assertThat(runtimeService.getVariable(instance.getId(), "guidanceText"))
        .isEqualTo(guidance("FIRE"));
    assertThat((String) runtimeService.getVariable(instance.getId(), "guidanceText"))
        .contains("關閉電力總閘及煤氣閥", "撥打電話\"119\"通知消防隊", "濕毛巾遮蓋面部");

    assertThatThrownBy(() -> complete("duty", instance, "Task_RespondToFire",
        Map.of("powerAndGasOff", true, "fireNote", "已撲滅")))
        .isInstanceOf(FormInputException.class).hasMessageContaining("119");
    complete("duty", instance, "Task_RespondToFire", Map.of("powerAndGasOff", true,
        "called119", true, "called119At", "2026-11-25T20:05", "residentsGuidedOut", true,
        "followedFirefighters", true, "fireNote", "消防隊 20:15 到場撲滅"));
    complete("director", instance, "Task_AcknowledgeFireReport",
        Map.of("directorInstructions", "安排人員協助疏散並統計受影響業戶"));

    assertThat(instance).isEnded().hasPassed("EndEvent_FireHandled");
    assertThat(dutyLogOf(instance)).extracting(DutyLogEntry::summary)
        .anyMatch(s -> s.contains("已撥打電話「119」通知消防隊:是") && s.contains("撥打119的時間:2026年11月25日 20:05"));
  }

  @Test
  @DisplayName("EM-2 strong wind: residents are notified with the guidance as written, common areas are checked")
  void strongWind() throws Exception {
    ProcessInstance instance = start("staff", "EmergencyIncidentProcess", report("STRONG_WIND"));
    complete("duty", instance, "Task_IssueWindNotice", Map.of("noticeAudience", "全體業戶"));

    List<Map<String, Object>> notices = noticesOf(instance);
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).get("BODY")).isEqualTo(guidance("STRONG_WIND"));
    assertThat(notices.get(0).get("AUDIENCE")).isEqualTo("全體業戶");
    Task check = task("guard", instance, "Task_CheckCommonAreas");
    assertThat(candidateGroups(check)).containsExactly("guard-leader");
    complete("guard", instance, "Task_CheckCommonAreas", Map.of("hazardsFound", "NO",
        "commonAreaFindings", "各座門窗已扣緊"));
    assertThat(instance).isEnded().hasPassed("EndEvent_WindHandled");
  }

  @Test
  @DisplayName("EM-3 earthquake: the notice carries the guidance; each unit reported damaged becomes an inspection task")
  void earthquake() throws Exception {
    ProcessInstance instance = start("duty", "EmergencyIncidentProcess", report("EARTHQUAKE"));
    complete("duty", instance, "Task_IssueEarthquakeNotice", Map.of("noticeAudience", "全體業戶"));
    assertThat(noticesOf(instance).get(0).get("BODY")).isEqualTo(guidance("EARTHQUAKE"));
    assertThat((String) noticesOf(instance).get(0).get("BODY")).contains("不要躲在樓梯下", "切勿散布謠言");

    complete("duty", instance, "Task_CollectDamageReports",
        Map.of("damageReports", "A座 12樓03室 天花板裂縫\n\nB座 3樓01室 窗戶玻璃破裂\n"));
    List<Task> inspections = as("staff", () -> taskService.createTaskQuery()
        .processInstanceId(instance.getId()).taskDefinitionKey("Task_InspectDamagedUnit").list());
    assertThat(inspections).hasSize(2);
    assertThat(inspections).extracting(t -> taskService.getVariable(t.getId(), "damagedUnit"))
        .containsExactlyInAnyOrder("A座 12樓03室 天花板裂縫", "B座 3樓01室 窗戶玻璃破裂");
    for (Task inspection : inspections) {
      as("staff", () -> {
        taskService.claim(inspection.getId(), "staff");
        taskService.complete(inspection.getId(), Map.of("inspectionResult", "已檢查,安排維修"));
        return null;
      });
    }
    assertThat(instance).isEnded().hasPassed("EndEvent_EarthquakeHandled");
  }

  @Test
  @DisplayName("EM-3 no damage reported: no inspection task")
  void earthquakeWithoutDamage() {
    ProcessInstance instance = start("duty", "EmergencyIncidentProcess", report("EARTHQUAKE"));
    complete("duty", instance, "Task_IssueEarthquakeNotice", Map.of("noticeAudience", "全體業戶"));
    complete("duty", instance, "Task_CollectDamageReports", Map.of("damageReports", "無"));
    assertThat(instance).isEnded();
  }

  @Test
  @DisplayName("EM-4 another incident is handled and recorded by the duty officer")
  void otherIncident() {
    ProcessInstance instance = start("staff", "EmergencyIncidentProcess", report("OTHER"));
    complete("duty", instance, "Task_HandleIncident", Map.of("handlingNote", "已處理"));
    assertThat(instance).isEnded().hasPassed("EndEvent_IncidentHandled");
  }

  @Test
  @DisplayName("EM-4 a report without kind or place is refused and nothing is created")
  void incompleteReportRefused() {
    long before = runtimeService.createProcessInstanceQuery().count();
    assertThatThrownBy(() -> start("staff", "EmergencyIncidentProcess",
        Map.of("incidentKind", "FLOOD", "place", "B座", "reporterName", "陳")))
        .isInstanceOf(FormInputException.class).hasMessageContaining("事件類別");
    assertThatThrownBy(() -> start("staff", "EmergencyIncidentProcess",
        Map.of("incidentKind", "FIRE", "reporterName", "陳")))
        .hasMessageContaining("地點");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }
}
