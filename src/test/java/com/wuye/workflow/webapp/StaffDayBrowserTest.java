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
import org.openqa.selenium.WebElement;
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

  /** A small real JPEG, as a phone's camera would give (only smaller). */
  static Path doorPhoto() throws IOException {
    BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    var graphics = image.createGraphics();
    graphics.setColor(new Color(120, 80, 40));
    graphics.fillRect(0, 0, 32, 24);
    graphics.setColor(Color.LIGHT_GRAY);
    graphics.fillRect(24, 10, 4, 4);
    graphics.dispose();
    Path file = Files.createDirectories(Path.of("target")).resolve("door-photo.jpg");
    ImageIO.write(image, "jpg", file.toFile());
    return file.toAbsolutePath();
  }

  @Test
  @Order(2)
  @DisplayName("UD-4.4.1.2 UD-4.4.1.3 UD-4.4.1.4 the guard leader uploads the door photo from the task's link, seals the key with both signatures in Tasklist; staff cannot see the hand-over, the key custodian completes it")
  void sealedKeyFromPhotoToHandOver() throws IOException {
    Map<String, Object> report = new HashMap<>(Map.of("community", "翠苑小區", "building", "A座",
        "unit", "15樓01室", "finderType", "NON_STAFF", "finderName", "鄰居李先生",
        "finderPhone", "91234567", "foundAt", "2026-11-25T21:10", "keyInDoor", "YES"));
    ProcessInstance door = start("staff", "UnlockedDoorProcess", report);
    complete("staff", door, "Task_KnockOnDoor", Map.of("someoneHome", "NO"));
    complete("duty", door, "Task_ContactOwner", Map.of("ownerContactResult", "CANNOT_COME_BACK",
        "ownerName", "王先生", "ownerContactChannel", "MOBILE"));
    complete("duty", door, "Task_ObtainOwnerConsent", Map.of("lockConsent", "YES",
        "consentGivenBy", "業主王大文", "consentAt", "2026-11-25T21:25"));

    tasklist.loginAs("guard").filter("禮兵中隊長的任務")
        .openFromList("拍照、鎖門並封存鑰匙(發現人員見證)");
    assertTaskFormShown(task("guard", door, "Task_SecureDoorWithFinderWitness"));
    tasklist.claim();
    screenshot("01-on-site-task");

    browser().click(browser().visible(By.linkText("上載照片")));
    assertThat(browser().visible(By.tagName("h1")).getText()).isEqualTo("上載房門狀況照片");
    Path photo = doorPhoto();
    browser().driver().findElement(By.cssSelector("input[type='file']")).sendKeys(photo.toString());
    browser().click(browser().driver().findElement(By.xpath("//button[normalize-space(.)='上載']")));
    browser().until(driver -> driver.findElement(By.id("result")).getText().contains("照片已上載"));
    screenshot("02-photo-uploaded");
    FileValue stored = runtimeService.getVariableTyped(door.getId(), "doorPhoto");
    assertThat(stored.getMimeType()).isEqualTo("image/jpeg");
    assertThat(stored.getValue().readAllBytes()).isEqualTo(Files.readAllBytes(photo));

    browser().driver().navigate().back();
    assertThat(tasklist.taskTitle()).isEqualTo("拍照、鎖門並封存鑰匙(發現人員見證)");
    String envelopeNo = "KE-7001";
    tasklist.form().check("房門已鎖好").text("專用信封編號", envelopeNo)
        .text("現場物業人員簽字(姓名)", "劉建華").text("發現人員簽字(姓名)", "鄰居李先生")
        .text("發現人員聯系方式", "91234567").check("已在門上為業主留言")
        .check("專用信封已交服務中心專人保管").check("確認物業人員沒有進入業主戶內(緊急情況除外)");
    screenshot("03-signed");
    tasklist.complete();

    KeyEnvelope sealed = envelopes.find(envelopeNo).orElseThrow();
    assertThat(sealed.status()).isEqualTo(KeyEnvelope.SEALED);
    assertThat(sealed.sealedBy()).isEqualTo("guard");
    assertThat(sealed.finderSignature()).isEqualTo("鄰居李先生");
    assertThat(sealed.onsiteStaffSignature()).isEqualTo("劉建華");
    Task handOver = task("custodian", door, "Task_HandOverKey");
    assertThat(handOver).as("業主簽收鑰匙 for the key custodian").isNotNull();

    tasklist.loginAs("staff");
    for (String filter : tasklist.filterNames()) {
      assertThat(tasklist.filter(filter).taskNames()).as("staff's filter %s", filter)
          .doesNotContain("業主簽收鑰匙");
    }
    assertThat(tasklist.openTaskExpectingError(handOver.getId())).isNotEmpty();
    screenshot("04-staff-cannot-see-hand-over");

    tasklist.loginAs("custodian").filter("服務中心專人保管的任務").openFromList("業主簽收鑰匙");
    assertTaskFormShown(handOver);
    assertThat(tasklist.form().value("專用信封編號")).isEqualTo(envelopeNo);
    assertThat(tasklist.form().text()).contains("請提示業主:妥善保管自己的財物,如果發現異常請及時報警。");
    tasklist.claim();
    tasklist.form().check("已向業主介紹房門未鎖情況").text("領取人姓名(按身份證明)", "王大文")
        .select("證件類別", "香港身份證").text("證件號碼末四位", "4567")
        .check("已核對領取人的身份證明").text("業主簽收(簽名)", "王大文")
        .check("已提示業主妥善保管財物,如發現異常及時報警");
    screenshot("05-hand-over");
    tasklist.complete();

    KeyEnvelope released = envelopes.find(envelopeNo).orElseThrow();
    assertThat(released.status()).isEqualTo(KeyEnvelope.RELEASED);
    assertThat(released.releasedBy()).isEqualTo("custodian");
    assertThat(released.ownerName()).isEqualTo("王大文");
    assertThat(released.ownerIdType()).isEqualTo("HK_ID");
    assertThat(released.ownerIdLastDigits()).isEqualTo("4567");
    assertThat(released.ownerNameMatched()).as("the consent's 業主王大文").isTrue();
    assertThat(task("staff", door, "Task_FollowUpOwner")).as("the follow-up call").isNotNull();
  }

  @Test
  @Order(3)
  @DisplayName("The office director opens Cockpit in Chinese: the processes list, and ComplaintProcess's diagram with its running instances counted on their tasks")
  void directorSeesRunningComplaintsInCockpit() {
    ProcessInstance complaint = start("staff", "ComplaintProcess", Map.of("community", "翠苑小區", "building", "D座",
        "unit", "2樓01室", "residentName", "林先生", "residentPhone", "93456789",
        "channel", "PHONE", "writtenComplaint", false, "matter", "走廊漏水(Cockpit)",
        "description", "D座二樓走廊天花漏水"));
    long waitingToBeLogged = taskService.createTaskQuery().processDefinitionKey("ComplaintProcess")
        .taskDefinitionKey("Task_LogComplaint").count();
    assertThat(waitingToBeLogged).isPositive();

    browser().login("cockpit", "director");
    browser().click(browser().visible(By.xpath("//*[@cam-widget-header]//a[normalize-space(.)='流程']")));
    browser().visible(By.xpath("//*[contains(normalize-space(.),'個流程定義已部署')]"));
    WebElement row = browser().visible(By.xpath("//tr[.//a[normalize-space(.)='ComplaintProcess']]"));
    assertThat(row.getText()).contains("小區業戶投訴處理");
    screenshot("01-processes");

    browser().click(row.findElement(By.xpath(".//a[normalize-space(.)='小區業戶投訴處理']")));
    browser().visible(By.cssSelector(".djs-container svg"));
    browser().visible(By.cssSelector("g.djs-element[data-element-id='Task_LogComplaint']"));
    By badge = By.cssSelector(
        ".djs-overlays[data-container-id='Task_LogComplaint'] .badge.instance-count");
    browser().until(driver -> driver.findElements(badge).stream()
        .anyMatch(b -> b.getText().equals(String.valueOf(waitingToBeLogged))));
    browser().visible(By.xpath("//td[normalize-space(.)='" + complaint.getBusinessKey() + "']"));
    assertThat(browser().driver().findElement(By.tagName("body")).getText())
        .contains("小區業戶投訴處理", "執行中的實例", "流程實例");
    screenshot("02-diagram");
  }

  @Test
  @Order(4)
  @DisplayName("CP-5 the complaint start form without 業戶聯系電話 shows the error on the field and starts nothing")
  void startFormRefusesMissingPhone() {
    long before = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ComplaintProcess").count();
    tasklist.loginAs("staff");
    CamundaForm start = tasklist.startForm("小區業戶投訴處理");
    start.text("小區", "翠苑小區").text("樓棟", "B座").text("單位(房號)", "9樓03室")
        .text("業戶姓名", "黃小姐").select("投訴渠道", "值班電話")
        .text("投訴事項(簡稱,如:電梯故障)", "噪音(缺電話)").text("投訴內容", "樓上裝修噪音");
    tasklist.clickStart();

    browser().until(driver -> !start.errors("業戶聯系電話").isEmpty());
    assertThat(start.field("業戶聯系電話").getAttribute("class")).contains("fjs-has-errors");
    assertThat(start.errors("小區")).isEmpty();
    assertThat(browser().driver().findElements(Tasklist.START_DIALOG)).as("the start dialog stays")
        .isNotEmpty();
    screenshot("01-phone-required");
    assertThat(runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ComplaintProcess").count()).isEqualTo(before);
    tasklist.closeStartDialog();
    assertThat(runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ComplaintProcess").count()).isEqualTo(before);
  }
}
