package com.wuye.workflow.platform;

import com.wuye.workflow.EmbeddedPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same contract on a real PostgreSQL with the {@code postgres} profile as production runs
 * it: schema-update off, Camunda's schema created from the engine's own SQL scripts first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false",
        // the documented override: demo users on PostgreSQL, for a demonstration or a test
        "wuye.identity.allow-demo-users=true"})
@ActiveProfiles({"postgres", "demo"})
@DirtiesContext
class PlatformPostgresTest extends PlatformContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.registerFreshDatabase(registry, "platform");
  }
}
