package com.wuye.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.wuye.workflow.ProcessTestSupport;
import com.wuye.workflow.dutylog.DutyLogEntry;
import com.wuye.workflow.notification.Mailbox;
import com.wuye.workflow.notification.OutboxSender;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A process owner composes steps from the element templates in Modeler and deploys them (#18):
 * the deployment, as Modeler sends it, as {@code owner}; the steps run with their effect — the
 * duty-log row, the mail at the SMTP server, the escalation to the office's director; a
 * hand-edited step is refused and nothing is deployed.
 */
@TestPropertySource(properties = {
    "spring.mail.host=localhost", "spring.mail.port=3926", "wuye.mail.poll-interval=PT1H",
    "wuye.mail.initial-delay=PT1H",
    "wuye.mail.base-url=https://wuye.example"})
class TemplateStepsDeployTest extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3926, "localhost", "smtp"))
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
      .withPerMethodLifecycle(true);

  @Autowired
  RepositoryService repositoryService;
  @Autowired
  OutboxSender sender;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  ApplicationContext context;

  final List<String> deployed = new ArrayList<>();

  @AfterEach
  void removeExamples() {
    // the examples are the owner's experiments: nothing else in the tests runs on them
    deployed.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  static JsonNode template(String id) {
    return ModelerElements.templates().stream().filter(t -> t.path("id").asText().equals(id))
        .findFirst().orElseThrow();
  }

  static String flow(String id, String from, String to) {
    return "<bpmn:sequenceFlow id=\"" + id + "\" sourceRef=\"" + from + "\" targetRef=\"" + to + "\" />";
  }

  static String diagram(String processId, String name, String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions "
        + ModelerElements.NAMESPACES + " id=\"Definitions_" + processId + "\" "
        + "targetNamespace=\"http://bpmn.io/schema/bpmn\" exporter=\"Camunda Modeler\" "
        + "exporterVersion=\"5.31.0\"><bpmn:process id=\"" + processId + "\" name=\"" + name
        + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1825D\">" + body
        + "</bpmn:process></bpmn:definitions>";
  }

  /** Deploys as Camunda Modeler does (multipart, deployment-source "Camunda Modeler"). */
  HttpResponse<String> deployAsOwner(String fileName, String xml) {
    HttpResponse<String> answer = rest("owner").postMultipart("/engine-rest/deployment/create",
        Map.of("deployment-name", fileName, "deployment-source", "Camunda Modeler"),
        Map.of("data", Map.entry(fileName, xml.getBytes(StandardCharsets.UTF_8))));
    if (answer.statusCode() == 200) {
      deployed.add(json(answer).path("id").asText());
    }
    return answer;
  }

  /**
   * A fire reported in a community, as a process owner would add to the procedure: a duty-log
   * line, a mail to the office director, a milestone, and a report up when the guard's task is
   * not done within 30 minutes, to a task for the group it went up to.
   */
  static String fireExample() {
    Map<String, String> none = Map.of();
    return diagram("TemplateStepsExample", "範本步驟示例", ""
        + "<bpmn:startEvent id=\"StartEvent_Fire\" name=\"收到火警報告\"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>"
        + ModelerElements.element(template("wuye.writeDutyLog"), "Step_Log", "記錄火警",
            Map.of("entryType", "火警通報", "summary", "${community} 報火警", "clause", "EM-1"), "F1", "F2")
        + ModelerElements.element(template("wuye.mailOfficeGroup"), "Step_MailDirector", "通知管理處主任",
            Map.of("group", "office-director", "subject", "[火警] ${community}",
                "message", "${community} ${building} 報火警,請即跟進。", "clause", "EM-1"), "F2", "F3")
        + ModelerElements.element(template("wuye.dutyLogMilestone"), "Event_Told", "已通知主任",
            Map.of("clause", "EM-1"), "F3", "F4")
        + "<bpmn:userTask id=\"Task_GuardChecks\" name=\"禮兵到場查看\" camunda:candidateGroups=\"guard-leader\">"
        + "<bpmn:incoming>F4</bpmn:incoming><bpmn:outgoing>F5</bpmn:outgoing></bpmn:userTask>"
        + "<bpmn:boundaryEvent id=\"Timer_GuardLate\" name=\"30分鐘\" attachedToRef=\"Task_GuardChecks\">"
        + "<bpmn:outgoing>F6</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>PT30M"
        + "</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
        + ModelerElements.element(template("wuye.escalateOverdue"), "Step_Escalate", "逾期上報",
            Map.of("escalateTo", "office-director", "overdueStep", "禮兵到場查看", "clause", "EM-1"), "F6", "F7")
        + "<bpmn:userTask id=\"Task_DirectorFollowsUp\" name=\"跟進逾期事項\" camunda:candidateGroups=\"${escalatedTo}\">"
        + "<bpmn:incoming>F7</bpmn:incoming><bpmn:outgoing>F8</bpmn:outgoing></bpmn:userTask>"
        + ModelerElements.element(template("wuye.dutyLogEnd"), "End_Done", "火警處理完畢",
            Map.of("clause", "EM-1"), "F5", null).replace("</bpmn:endEvent>", "<bpmn:incoming>F8</bpmn:incoming></bpmn:endEvent>")
        + flow("F1", "StartEvent_Fire", "Step_Log") + flow("F2", "Step_Log", "Step_MailDirector")
        + flow("F3", "Step_MailDirector", "Event_Told") + flow("F4", "Event_Told", "Task_GuardChecks")
        + flow("F5", "Task_GuardChecks", "End_Done") + flow("F6", "Timer_GuardLate", "Step_Escalate")
        + flow("F7", "Step_Escalate", "Task_DirectorFollowsUp") + flow("F8", "Task_DirectorFollowsUp", "End_Done"));
  }

  List<MimeMessage> mailTo(String address) {
    sender.sendDue();
    return Mailbox.to(smtp, address);
  }

  @Test
  @DisplayName("EM-1 the process owner deploys from Modeler a diagram with steps from the templates; it runs: the duty-log rows, the mail to the office's director at the SMTP server, and the escalation to the director of that office only")
  void ownerComposesAndItRuns() throws Exception {
    HttpResponse<String> answer = deployAsOwner("TemplateStepsExample.bpmn", fireExample());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

    ProcessInstance instance = runtimeService.startProcessInstanceByKey("TemplateStepsExample",
        "FIRE-" + System.nanoTime() % 100_000, Map.of("community", "翠苑小區", "building", "D座"));
    assertThat(instance.getTenantId()).isEqualTo("cuiyuan");
    assertThat(dutyLogOf(instance)).extracting(DutyLogEntry::entryType, DutyLogEntry::summary)
        .contains(org.assertj.core.groups.Tuple.tuple("火警通報", "翠苑小區 報火警"),
            org.assertj.core.groups.Tuple.tuple("已通知主任", "已通知主任"));
    List<MimeMessage> toDirector = mailTo("director@wuye.example");
    assertThat(toDirector).extracting(MimeMessage::getSubject).contains("[火警] 翠苑小區");
    assertThat(toDirector.get(0).getContent().toString()).contains("翠苑小區 D座 報火警", "翠苑管理處",
        instance.getBusinessKey());
    assertThat(mailTo("director2@wuye.example")).as("the other office's director").isEmpty();

    // the guard does not go within 30 minutes: reported up, a task for this office's director
    Job timer = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("Timer_GuardLate").singleResult();
    setClock(new Date(System.currentTimeMillis() + 31 * 60_000L));
    BpmnAwareTests.execute(timer);
    assertThat(dutyLogOf(instance)).anySatisfy(e -> {
      assertThat(e.entryType()).isEqualTo("逾期上報");
      assertThat(e.summary()).contains("禮兵到場查看", "管理處主任");
    });
    assertThat(mailTo("director@wuye.example")).extracting(MimeMessage::getSubject)
        .contains("[逾期上報] 禮兵到場查看");
    Task followUp = task("director", instance, "Task_DirectorFollowsUp");
    assertThat(candidateGroups(followUp)).containsExactly("office-director");
    assertThat(as("director2", () -> taskService.createTaskQuery()
        .processInstanceId(instance.getId()).count())).isZero();
    complete("director", instance, "Task_DirectorFollowsUp", Map.of());
    assertThat(dutyLogOf(instance)).extracting(DutyLogEntry::entryType).contains("火警處理完畢");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId())
        .count()).isZero();
  }

  /**
   * The recipe of processes/README.md ("Adding a step from a template"), applied to the
   * procedure as it is now: a third branch of the fire, 電郵通知主管副總經理, made from the mail
   * template.
   */
  static String emergencyWithDeputyMail() throws java.io.IOException {
    String diagram = java.nio.file.Files.readString(java.nio.file.Path.of(
        "processes/EmergencyIncidentProcess.bpmn"));
    String step = ModelerElements.element(template("wuye.mailOfficeGroup"),
        "ServiceTask_MailDeputyAboutFire", "電郵通知主管副總經理", Map.of("group", "deputy-gm",
            "subject", "[火警] ${community}", "message", "${community} 報火警,管理處正按火警應急程序處理。",
            "clause", "EM-1"), "SequenceFlow_FireMailDeputy", "SequenceFlow_FireDeputyMailed");
    String edited = diagram
        .replace("<bpmn:outgoing>SequenceFlow_FireInformDirector</bpmn:outgoing>",
            "<bpmn:outgoing>SequenceFlow_FireInformDirector</bpmn:outgoing>"
            + "<bpmn:outgoing>SequenceFlow_FireMailDeputy</bpmn:outgoing>")
        .replace("<bpmn:incoming>SequenceFlow_FireAcknowledged</bpmn:incoming>",
            "<bpmn:incoming>SequenceFlow_FireAcknowledged</bpmn:incoming>"
            + "<bpmn:incoming>SequenceFlow_FireDeputyMailed</bpmn:incoming>")
        .replace("<bpmn:sequenceFlow id=\"SequenceFlow_FireRespond\"", step
            + flow("SequenceFlow_FireMailDeputy", "Gateway_FireSplit", "ServiceTask_MailDeputyAboutFire")
            + flow("SequenceFlow_FireDeputyMailed", "ServiceTask_MailDeputyAboutFire", "Gateway_FireJoin")
            + "<bpmn:sequenceFlow id=\"SequenceFlow_FireRespond\"");
    assertThat(edited).contains("SequenceFlow_FireMailDeputy\" sourceRef").isNotEqualTo(diagram);
    return edited;
  }

  @Test
  @DisplayName("EM-1 the README's example: the process owner adds 電郵通知主管副總經理 to the fire from the mail template and deploys it from Modeler; a fire reported in 翠苑小區 mails the deputy GM")
  void readmeExampleMailsTheDeputy() throws Exception {
    HttpResponse<String> answer = deployAsOwner("EmergencyIncidentProcess.bpmn", emergencyWithDeputyMail());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    ProcessInstance fire = start("duty", "EmergencyIncidentProcess", Map.of("incidentKind", "FIRE",
        "community", "翠苑小區", "place", "B座大堂", "reporterName", "李值班", "situation", "大堂冒煙"));
    assertThat(repositoryService.getProcessDefinition(fire.getProcessDefinitionId())
        .getDeploymentId()).isEqualTo(deployed.get(0));
    assertThat(mailTo("deputy@wuye.example")).extracting(MimeMessage::getSubject)
        .contains("[火警] 翠苑小區");
  }

  @Test
  @DisplayName("A diagram with a step from every element template deploys from Modeler as the process owner, and every step a template offers is a bean of the application")
  void everyTemplateDeploys() {
    // side by side, unconnected: deployed, not run (the procedures' own steps need their case)
    StringBuilder body = new StringBuilder("<bpmn:startEvent id=\"StartEvent_1\" />");
    int i = 0;
    for (JsonNode t : ModelerElements.templates()) {
      body.append(ModelerElements.element(t, "Step_" + i++, t.path("name").asText(), Map.of(),
          null, null));
    }
    HttpResponse<String> answer = deployAsOwner("TemplateEveryStep.bpmn",
        diagram("TemplateEveryStep", "每個範本的步驟", body.toString()));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    for (String bean : ElementTemplates.get().delegates()) {
      assertThat(context.containsBean(bean)).as(bean).isTrue();
    }
    for (String bean : ElementTemplates.get().listeners()) {
      assertThat(context.containsBean(bean)).as(bean).isTrue();
    }
  }

  @Test
  @DisplayName("A hand-edited step — a service task outside the templates, or a template's step given another group — is refused from Modeler with the element named, and nothing is deployed")
  void handEditedRefused() {
    long deployments = repositoryService.createDeploymentQuery().count();
    String example = fireExample();
    Map<String, String> edits = Map.of(
        "Step_MailDirector", example.replace(
            "<camunda:inputParameter name=\"group\">office-director</camunda:inputParameter>",
            "<camunda:inputParameter name=\"group\">process-owner</camunda:inputParameter>"),
        "Step_Log", example.replace("camunda:modelerTemplate=\"wuye.writeDutyLog\" "
            + "camunda:modelerTemplateVersion=\"1\"", ""));
    for (Map.Entry<String, String> edit : edits.entrySet()) {
      HttpResponse<String> answer = deployAsOwner("TemplateStepsExample.bpmn", edit.getValue());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains("元素「" + edit.getKey() + "」");
    }
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey("TemplateStepsExample").count()).isZero();
  }
}
