package com.wuye.workflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Two offices in the real Tasklist and Cockpit: 金輝管理處's CS supervisor finds only 金輝管理處's
 * complaints, and 翠苑管理處's director sees only 翠苑管理處's cases in Cockpit.
 */
class OfficeBrowserTest extends BrowserTestSupport {

  ProcessInstance waitingForClassification(String staff, String duty, String community,
      String matter) {
    ProcessInstance complaint = start(staff, "ComplaintProcess", Map.of("community", community,
        "building", "A座", "unit", "5樓02室", "residentName", "黎先生", "residentPhone", "94567890",
        "channel", "PHONE", "writtenComplaint", false, "matter", matter, "description", matter));
    complete(duty, complaint, "Task_LogComplaint", Map.of("category", "SERVICE",
        "dutyOfficerHandles", "NO"));
    return complaint;
  }

  @Test
  @DisplayName("Offices: supervisor2 logs in to Tasklist and finds only 金輝管理處's complaints; 翠苑管理處's task cannot be opened")
  void supervisor2SeesOnlyTheirOffice() {
    ProcessInstance own = waitingForClassification("staff2", "duty2", "海景苑", "海景苑噪音");
    ProcessInstance other = waitingForClassification("staff", "duty", "翠苑小區", "翠苑小區噪音");
    String ownTask = taskService.createTaskQuery().processInstanceId(own.getId())
        .singleResult().getId();
    String otherTask = taskService.createTaskQuery().processInstanceId(other.getId())
        .singleResult().getId();
    long jinhuiTasks = taskService.createTaskQuery().taskCandidateGroup("cs-supervisor")
        .tenantIdIn("jinhui").count();
    assertThat(taskService.createTaskQuery().taskCandidateGroup("cs-supervisor").count())
        .isGreaterThan(jinhuiTasks);

    tasklist.loginAs("supervisor2").filter("客戶服務主管的任務");
    List<String> names = tasklist.taskNames();
    assertThat(names).as("the filter lists 金輝管理處's tasks only").hasSize((int) jinhuiTasks)
        .contains("區分投訴類別");
    screenshot("01-own-office-only");
    tasklist.openTask(ownTask);
    assertThat(tasklist.form().value("小區")).isEqualTo("海景苑");
    assertThat(tasklist.form().value("投訴事項")).isEqualTo("海景苑噪音");

    List<String> errors = tasklist.openTaskExpectingError(otherTask);
    assertThat(errors).isNotEmpty();
    screenshot("02-other-office-refused");
    assertThat(taskService.createTaskQuery().taskId(otherTask).singleResult().getAssignee()).isNull();
    assertThat(own.getTenantId()).isEqualTo("jinhui");
  }

  @Test
  @DisplayName("Offices: the director of 翠苑管理處 sees only their office's complaints in Cockpit")
  void directorSeesOnlyTheirOfficeInCockpit() {
    ProcessInstance own = start("staff", "ComplaintProcess", Map.of("community", "碧濤花園",
        "building", "C座", "unit", "7樓01室", "residentName", "蘇小姐", "residentPhone", "95678901",
        "channel", "PHONE", "writtenComplaint", false, "matter", "水壓不足(Cockpit)",
        "description", "水壓不足"));
    ProcessInstance other = start("staff2", "ComplaintProcess", Map.of("community", "金輝大廈",
        "building", "C座", "unit", "7樓02室", "residentName", "葉先生", "residentPhone", "96789012",
        "channel", "PHONE", "writtenComplaint", false, "matter", "水壓不足(Cockpit)",
        "description", "水壓不足"));
    long ownWaiting = taskService.createTaskQuery().processDefinitionKey("ComplaintProcess")
        .taskDefinitionKey("Task_LogComplaint").tenantIdIn("cuiyuan").count();
    long allWaiting = taskService.createTaskQuery().processDefinitionKey("ComplaintProcess")
        .taskDefinitionKey("Task_LogComplaint").count();
    assertThat(allWaiting).isGreaterThan(ownWaiting);

    browser().login("cockpit", "director");
    browser().click(browser().visible(By.xpath("//*[@cam-widget-header]//a[normalize-space(.)='流程']")));
    WebElement row = browser().visible(By.xpath("//tr[.//a[normalize-space(.)='ComplaintProcess']]"));
    browser().click(row.findElement(By.xpath(".//a[normalize-space(.)='小區業戶投訴處理']")));
    browser().visible(By.cssSelector("g.djs-element[data-element-id='Task_LogComplaint']"));
    By badge = By.cssSelector(
        ".djs-overlays[data-container-id='Task_LogComplaint'] .badge.instance-count");
    browser().until(driver -> driver.findElements(badge).stream()
        .anyMatch(b -> b.getText().equals(String.valueOf(ownWaiting))));
    browser().visible(By.xpath("//td[normalize-space(.)='" + own.getBusinessKey() + "']"));
    assertThat(browser().driver().findElements(
        By.xpath("//td[normalize-space(.)='" + other.getBusinessKey() + "']"))).isEmpty();
    screenshot("01-director-cockpit");
  }
}
