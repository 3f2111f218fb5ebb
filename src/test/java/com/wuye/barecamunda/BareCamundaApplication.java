package com.wuye.barecamunda;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The baseline for the start-up benchmark: a Spring Boot application with the same starters
 * and libraries as the workflow application (the same runtime classpath) but none of its beans,
 * diagrams, forms, migrations or configuration. It lives outside {@code com.wuye.workflow} so
 * that the application's component scan never finds it in the test classpath; it is started by
 * {@code WorkflowBenchmark} with {@code --spring.config.location=classpath:bench/bare.yaml}.
 */
@SpringBootApplication
public class BareCamundaApplication {

  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }
}
