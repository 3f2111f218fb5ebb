package com.wuye.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:platform;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
@DirtiesContext
class PlatformH2Test extends PlatformContract {

  @Autowired
  JdbcTemplate jdbc;

  @Test
  @DisplayName("#19 H2 finds a completed task's sub-tasks through an index")
  void subTaskLookUpUsesAnIndex() {
    // the engine's look-up when a task is completed or deleted (Task.xml, 7.24)
    String plan = jdbc.queryForObject(
        "EXPLAIN select * from ACT_RU_TASK where PARENT_TASK_ID_ = 'some-task'", String.class);
    assertThat(plan).containsIgnoringCase("WUYE_IDX_TASK_PARENT");
  }
  @Test
  @DisplayName("#19 H2 finds the latest version of a task's form through an index, for the engine's look-up at every form submission")
  void latestFormLookUpUsesAnIndex() {
    // the engine's look-up of camunda:formRefBinding="latest" (CamundaFormDefinition.xml, 7.24)
    String plan = jdbc.queryForObject("EXPLAIN " + LATEST_FORM.replace("?", "'complaint-log'"),
        String.class);
    assertThat(plan).containsIgnoringCase("WUYE_IDX_CAMFORMDEF_KEY")
        .doesNotContainIgnoringCase("tableScan");
  }
  @Test
  @DisplayName("#19 H2 finds a completed task's missed deadlines through an index, not by reading every miss ever recorded")
  void missedDeadlinesOfACaseAreFoundThroughAnIndex() {
    String plan = jdbc.queryForObject("EXPLAIN " + MISSED_TASK_COMPLETED
        .replaceFirst("\\?", "CURRENT_TIMESTAMP").replaceFirst("\\?", "'some-case'")
        .replaceFirst("\\?", "'Task_ContactResident'"), String.class);
    assertThat(plan).containsIgnoringCase("DEADLINE_MISS_CASE")
        .doesNotContainIgnoringCase("tableScan");
  }
  @Test
  @DisplayName("#19 H2 counts a sender's automatic answers of the last day through an index of the mail's time, not by reading every mail ever queued")
  void autoRepliesOfTheLastDayAreFoundThroughAnIndex() {
    String plan = jdbc.queryForObject("EXPLAIN " + AUTO_REPLIES_TO
        .replaceFirst("\\?", "'resident@example.com'")
        .replaceFirst("\\?", "TIMESTAMP '2026-12-01 00:00:00'"), String.class);
    assertThat(plan).containsIgnoringCase("MAIL_OUTBOX_CREATED")
        .doesNotContainIgnoringCase("tableScan");
  }
}
