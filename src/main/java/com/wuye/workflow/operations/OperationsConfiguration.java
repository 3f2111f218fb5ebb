package com.wuye.workflow.operations;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduled housekeeping ({@link RecordsCleanup}). */
@Configuration
@EnableScheduling
class OperationsConfiguration {
}
