package com.wuye.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wuye.workflow.WorkflowApplication;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starting the application the way an operator does: on an H2 file database, twice. */
class StartupTest {

  @TempDir
  Path dataDir;

  private ConfigurableApplicationContext start(String profiles, String... properties) {
    return new SpringApplicationBuilder(WorkflowApplication.class)
        .profiles(profiles.isEmpty() ? new String[0] : profiles.split(","))
        .run(Stream.concat(Stream.of("--server.port=0",
                "--camunda.bpm.job-execution.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("db")),
            Stream.of(properties).map(p -> "--" + p)).toArray(String[]::new));
  }

  @Test
  @DisplayName("A second start over the same database deploys nothing new and seeds nothing twice")
  void restartDeploysNothingNew() {
    long deployments;
    long definitions;
    long authorizations;
    long filters;
    try (var first = start("demo")) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      deployments = engine.getRepositoryService().createDeploymentQuery().count();
      definitions = engine.getRepositoryService().createProcessDefinitionQuery().count();
      authorizations = engine.getAuthorizationService().createAuthorizationQuery().count();
      filters = engine.getFilterService().createFilterQuery().count();
      assertThat(definitions).isEqualTo(5);
    }
    try (var second = start("demo")) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count())
          .isEqualTo(deployments);
      assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count())
          .isEqualTo(definitions);
      assertThat(engine.getAuthorizationService().createAuthorizationQuery().count())
          .isEqualTo(authorizations);
      assertThat(engine.getFilterService().createFilterQuery().count()).isEqualTo(filters);
    }
  }

  @Test
  @DisplayName("Without the demo profile and without a configured admin, start-up refuses to go on")
  void noAdministratorNoStart() {
    assertThatThrownBy(() -> start("").close())
        .hasStackTraceContaining("WUYE_ADMIN_ID");
  }

  @Test
  @DisplayName("Without the demo profile the first admin comes from the environment, and no demo user exists")
  void firstAdministratorFromEnvironment() {
    try (var context = start("", "wuye.identity.initial-admin.id=chief",
        "wuye.identity.initial-admin.password=Longer-Secret-2026")) {
      var identity = context.getBean(ProcessEngine.class).getIdentityService();
      assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list())
          .extracting("id").containsExactly("chief");
      assertThat(identity.checkPassword("chief", "Longer-Secret-2026")).isTrue();
      assertThat(identity.createUserQuery().userId("staff").count()).isZero();
      assertThat(identity.createUserQuery().userId("admin").count()).isZero();
      assertThat(identity.createGroupQuery().groupId("key-custodian").singleResult().getName())
          .isEqualTo("服務中心專人保管");
    }
  }
}
