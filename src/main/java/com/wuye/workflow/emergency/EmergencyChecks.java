package com.wuye.workflow.emergency;

import com.wuye.workflow.emergency.EmergencyGuidance.Kind;
import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.forms.FormValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Server-side checks of the emergency process's forms, and the guidance shown in them. */
@Component("emergencyChecks")
class EmergencyChecks implements ExecutionListener {

  static final Set<String> KINDS = Set.of("FIRE", "STRONG_WIND", "EARTHQUAKE", "OTHER");

  private final EmergencyGuidance guidance;
  private final com.wuye.workflow.office.Offices offices;

  EmergencyChecks(EmergencyGuidance guidance, com.wuye.workflow.office.Offices offices) {
    this.guidance = guidance;
    this.offices = offices;
  }

  /**
   * On the start event: the reported incident (EM-4) and the guidance for its kind (EM-1 …
   * EM-3). On the end of a user task: what its form submitted (execution listeners, so that a
   * refusal reaches Tasklist and REST as a 400 with its message).
   */
  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getCurrentActivityId().startsWith("StartEvent_")) {
      checkReport(execution);
    } else if (!execution.isCanceled()) {
      checkTask(execution.getCurrentActivityId(), execution);
    }
  }

  /** The start contract, shared with the REST API's check before an instance is created. */
  static void checkReport(FormValues form, com.wuye.workflow.office.Offices offices) {
    form.requireOneOf("incidentKind", "事件類別", KINDS)
        .requireText("place", "地點").requireText("reporterName", "報告人")
        .limit("situation", "現場情況").requireCommunity("community", "小區", offices);
  }

  private void checkReport(DelegateExecution execution) {
    checkReport(FormValues.of(execution), offices);
    Kind kind = Kind.valueOf((String) execution.getVariable("incidentKind"));
    execution.setVariable("incidentKindLabel", kind.label());
    execution.setVariable("guidanceText", guidance.text(kind));
    // the notice to post (/app/records), linked from the duty officer's form
    if (EmergencyNoticePage.POSTED.contains(kind)) {
      execution.setVariable("noticePath", "/app/records/notices/"
          + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "?community="
          + java.net.URLEncoder.encode((String) execution.getVariable("community"),
              java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static void checkTask(String activityId, DelegateExecution task) {
    FormValues form = FormValues.of(task);
    switch (activityId) {
      case "Task_RespondToFire" -> form.requireChecked("called119", "已撥打電話「119」通知消防隊")
          .requireDateTime("called119At", "撥打119的時間").requireText("fireNote", "處理經過");
      case "Task_IssueWindNotice", "Task_IssueEarthquakeNotice" ->
          form.requireText("noticeAudience", "通知對象");
      case "Task_CheckCommonAreas" -> form.requireOneOf("hazardsFound", "是否發現隱患?", Set.of("YES", "NO"))
          .requireText("commonAreaFindings", "巡查結果");
      case "Task_CollectDamageReports" -> {
        form.requireText("damageReports", "單位受損報告");
        task.setVariable("damagedUnits", damagedUnits(form.text("damageReports")));
      }
      case "Task_InspectDamagedUnit" -> form.requireText("inspectionResult", "檢查結果");
      case "Task_HandleIncident" -> form.requireText("handlingNote", "處理情況");
      default -> {
        // no checks of its own
      }
    }
  }

  /** One inspection per reported line; "無" (none) means no damage was reported. */
  static List<String> damagedUnits(String reports) {
    List<String> units = new ArrayList<>();
    Arrays.stream(reports.split("\\R")).map(String::trim)
        .filter(line -> !line.isEmpty() && !line.equals("無") && !line.equals("没有") && !line.equals("沒有"))
        .forEach(units::add);
    if (units.size() > 500) {
      throw new FormInputException("damageReports", "單位受損報告一次最多 500 行。");
    }
    return units;
  }
}
