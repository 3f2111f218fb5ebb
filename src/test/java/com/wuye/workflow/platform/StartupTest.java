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
      assertThat(definitions).as("the six diagrams of processes/").isEqualTo(6);
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

  @Test
  @DisplayName("A permission and a user an administrator removed stay removed after a restart")
  void seedingNeverReGrants() {
    try (var first = start("demo")) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      var authorizations = engine.getAuthorizationService();
      var grant = authorizations.createAuthorizationQuery().groupIdIn("service-staff")
          .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION)
          .resourceId("ComplaintProcess").singleResult();
      assertThat(grant).isNotNull();
      authorizations.deleteAuthorization(grant.getId());
      engine.getIdentityService().deleteMembership("guard", "guard-leader");
    }
    try (var second = start("demo")) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      assertThat(engine.getAuthorizationService().createAuthorizationQuery()
          .groupIdIn("service-staff")
          .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION)
          .resourceId("ComplaintProcess").count()).isZero();
      assertThat(engine.getAuthorizationService().isUserAuthorized("staff",
          java.util.List.of("service-staff"), org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE,
          org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION, "ComplaintProcess"))
          .isFalse();
      assertThat(engine.getIdentityService().createUserQuery().userId("guard")
          .memberOfGroup("guard-leader").count()).isZero();
    }
  }

  @Test
  @DisplayName("A first start whose seeding stops part-way keeps none of it, and the next start seeds everything")
  void seedingIsAllOrNothing() throws Exception {
    String[] admin = {"wuye.identity.initial-admin.id=chief",
        "wuye.identity.initial-admin.password=Longer-Secret-2026"};
    // the user comes after the groups and the offices, so those were created when it stops
    String[] clerkOfNoOffice = {"wuye.identity.users[0].id=clerk",
        "wuye.identity.users[0].password=Longer-Secret-2026",
        "wuye.identity.users[0].groups[0]=service-staff",
        "wuye.identity.users[0].offices[0]=nowhere"};
    assertThatThrownBy(() -> start("", Stream.concat(Stream.of(admin), Stream.of(clerkOfNoOffice))
        .toArray(String[]::new)).close())
        .hasStackTraceContaining("office nowhere, which wuye.offices does not list");
    try (var database = java.sql.DriverManager.getConnection(
            "jdbc:h2:file:" + dataDir.resolve("db"), "sa", "");
        var statement = database.createStatement()) {
      for (String table : new String[] {"identity_seeding", "ACT_ID_GROUP", "ACT_ID_TENANT",
          "ACT_ID_USER", "ACT_RU_AUTHORIZATION", "ACT_RU_FILTER"}) {
        try (var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rows.next();
          assertThat(rows.getLong(1)).as(table + " after the failed seeding").isZero();
        }
      }
    }
    try (var fixed = start("", admin)) {
      ProcessEngine engine = fixed.getBean(ProcessEngine.class);
      var identity = engine.getIdentityService();
      assertThat(identity.createGroupQuery().groupId("key-custodian").count()).isEqualTo(1);
      assertThat(identity.createTenantQuery().tenantId("cuiyuan").count()).isEqualTo(1);
      assertThat(identity.checkPassword("chief", "Longer-Secret-2026")).isTrue();
      assertThat(engine.getAuthorizationService().isUserAuthorized("someone",
          java.util.List.of("service-staff"),
          org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE,
          org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION, "ComplaintProcess"))
          .as("the groups' permissions are granted after all").isTrue();
    }
  }

  @Test
  @DisplayName("The demo users are refused on a database that has other users, unless explicitly allowed")
  void demoUsersRefusedBesideRealUsers() {
    try (var production = start("", "wuye.identity.initial-admin.id=chief",
        "wuye.identity.initial-admin.password=Longer-Secret-2026")) {
      assertThat(production.getBean(ProcessEngine.class).getIdentityService()
          .createUserQuery().count()).isEqualTo(1);
    }
    assertThatThrownBy(() -> start("demo").close()).hasStackTraceContaining("WUYE_ALLOW_DEMO_USERS");
    try (var production = start("", "wuye.identity.initial-admin.id=chief",
        "wuye.identity.initial-admin.password=Longer-Secret-2026")) {
      var identity = production.getBean(ProcessEngine.class).getIdentityService();
      assertThat(identity.createUserQuery().userId("admin").count()).isZero();
      assertThat(identity.checkPassword("chief", "Longer-Secret-2026")).isTrue();
    }
    try (var demo = start("demo", "wuye.identity.allow-demo-users=true")) {
      assertThat(demo.getBean(ProcessEngine.class).getIdentityService().createUserQuery()
          .userId("admin").count()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("The demo users are refused with the postgres profile")
  void demoUsersRefusedWithPostgresProfile() {
    // the postgres profile on this test's H2 file: only what H2 cannot do is replaced
    assertThatThrownBy(() -> start("postgres,demo", "camunda.bpm.database.type=h2",
        "spring.datasource.hikari.connection-init-sql=SELECT 1").close())
        .hasStackTraceContaining("postgres profile");
  }
}
