package com.wuye.workflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The service centre's workflow system: Camunda 7 embedded in Spring Boot, with the
 * company's procedures deployed from the top-level {@code processes/} and {@code forms/}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(WorkflowApplication.class, args);
  }
}
