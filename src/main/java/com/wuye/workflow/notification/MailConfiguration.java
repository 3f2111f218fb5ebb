package com.wuye.workflow.notification;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The outbox is sent on a schedule ({@code wuye.mail.poll-interval}). */
@Configuration
@EnableScheduling
class MailConfiguration {
}
