package com.wuye.workflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuye.workflow.unlockeddoor.KeyEnvelope;
import com.wuye.workflow.unlockeddoor.KeyEnvelopeService;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A day of the service centre's staff in the real Tasklist and Cockpit, in Chinese: a complaint
 * from its start form to the CS supervisor, the unlocked door's sealed key from the guard
 * leader's photo to the owner's signature, the director's view of the running complaints, and
 * a start form that refuses an empty required field.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffDayBrowserTest extends BrowserTestSupport {

  @Autowired
  KeyEnvelopeService envelopes;

  @Test
  @Order(1)
  @DisplayName("CP-5 CP-6.2 CP-6.3 staff start a complaint from Chinese Tasklist; the duty officer cannot handle it; the CS supervisor claims and classifies it and is to contact the resident")
  void complaintFromStartFormToClassification() {
    tasklist.loginAs("staff");
    assertThat(tasklist.header()).contains("啟動流程");
    assertThat(tasklist.filterNames()).contains("我的任務", "工作人員的任務");
    screenshot("01-tasklist");

    CamundaForm start = tasklist.startForm("小區業戶投訴處理");
    assertStartFormShown("ComplaintProcess");
    String matter = "電梯故障(瀏覽器)";
    start.text("小區", "翠苑小區").text("樓棟", "C座").text("單位(房號)", "8樓02室")
        .text("業戶姓名", "陳美華").text("業戶聯系電話", "92345678")
        .select("投訴渠道", "投訴熱線")
        .text("投訴事項(簡稱,如:電梯故障)", matter)
        .text("投訴內容", "C座二號電梯停在八樓,按鈕無反應。");
    screenshot("02-start-form");
    tasklist.start();
    screenshot("03-started");

    ProcessInstance complaint = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ComplaintProcess").variableValueEquals("matter", matter)
        .singleResult();
    assertThat(complaint).as("the complaint started in Tasklist").isNotNull();
    assertThat(runtimeService.getVariable(complaint.getId(), "channel")).isEqualTo("HOTLINE");
    assertThat(runtimeService.getVariable(complaint.getId(), "residentPhone")).isEqualTo("92345678");

    tasklist.loginAs("duty").filter("值班員的任務").openFromList("記錄投訴於值班記錄表");
    assertTaskFormShown(task("duty", complaint, "Task_LogComplaint"));
    assertThat(tasklist.form().value("投訴編號")).isEqualTo(complaint.getBusinessKey());
    tasklist.claim();
    tasklist.form().select("投訴內容類別", "維修養護")
        .radio("值班員能否處理?", "不能處理,通知客戶服務主管")
        .text("值班記錄", "已轉客戶服務主管");
    screenshot("04-log-complaint");
    tasklist.complete();

    Task classify = task("supervisor", complaint, "Task_ClassifyComplaint");
    assertThat(classify).as("the CS supervisor's classification task").isNotNull();
    tasklist.loginAs("supervisor").filter("客戶服務主管的任務").openFromList("區分投訴類別");
    assertTaskFormShown(classify);
    assertThat(tasklist.form().value("投訴編號")).isEqualTo(complaint.getBusinessKey());
    tasklist.claim();
    tasklist.form().radio("投訴類別", "有效投訴");
    screenshot("05-classify");
    tasklist.complete();

    Task contact = task("supervisor", complaint, "Task_ContactResident");
    assertThat(contact).as("與業戶聯系並約定回復時間").isNotNull();
    assertThat(contact.getName()).isEqualTo("與業戶聯系並約定回復時間");
    assertThat(candidateGroups(contact)).containsExactly("cs-supervisor");
    assertThat(runtimeService.getVariable(complaint.getId(), "classification")).isEqualTo("VALID");
    screenshot("06-done");
  }
}
