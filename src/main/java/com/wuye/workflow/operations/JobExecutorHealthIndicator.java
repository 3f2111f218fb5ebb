package com.wuye.workflow.operations;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code jobExecutor} in {@code /actuator/health/readiness}: timers, escalations and
 * asynchronous steps run only while the job executor runs, so a node whose job executor
 * stopped is not ready. A node with job execution switched off by configuration
 * ({@code camunda.bpm.job-execution.enabled=false}) is up and says so in the details, which
 * only an administrator sees. Replaces the starter's indicator of the same name, which is
 * absent in that case.
 */
@Component("jobExecutorHealthIndicator")
class JobExecutorHealthIndicator implements HealthIndicator {

  private final ProcessEngineConfigurationImpl engineConfiguration;
  private final CamundaBpmProperties camunda;

  JobExecutorHealthIndicator(ProcessEngineConfigurationImpl engineConfiguration,
      CamundaBpmProperties camunda) {
    this.engineConfiguration = engineConfiguration;
    this.camunda = camunda;
  }

  @Override
  public Health health() {
    if (!camunda.getJobExecution().isEnabled()) {
      return Health.up()
          .withDetail("jobExecution", "disabled by configuration (camunda.bpm.job-execution.enabled=false)")
          .build();
    }
    JobExecutor jobExecutor = engineConfiguration.getJobExecutor();
    if (jobExecutor == null || !jobExecutor.isActive()) {
      return Health.down().withDetail("jobExecution", "enabled but not running").build();
    }
    return Health.up()
        .withDetail("jobExecution", "running")
        .withDetail("lockOwner", jobExecutor.getLockOwner())
        .withDetail("lockTimeInMillis", jobExecutor.getLockTimeInMillis())
        .withDetail("maxJobsPerAcquisition", jobExecutor.getMaxJobsPerAcquisition())
        .build();
  }
}
