package com.wuye.workflow.platform;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:platform;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
@DirtiesContext
class PlatformH2Test extends PlatformContract {
}
