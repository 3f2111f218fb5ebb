package com.wuye.workflow.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wuye.mail.*}: who is told about new tasks, how the outbox is sent. */
@ConfigurationProperties("wuye.mail")
public class MailProperties {

  /** The address staff reach the application at; links in mail point here. */
  private String baseUrl = "http://localhost:8080";
  private String from = "workflow@wuye.example";
  /** Groups whose members are mailed about every new task offered to the group. */
  private List<String> newTaskGroups = new ArrayList<>();
  /** How often the sender looks at the outbox. */
  private Duration pollInterval = Duration.ofSeconds(10);
  /** Attempts before a message is marked FAILED (visible in the outbox). */
  private int maxAttempts = 10;
  /** Wait after a failed attempt, doubled each time up to an hour. */
  private Duration retryDelay = Duration.ofMinutes(1);
  /** How long one node may hold a message it is sending before another may take it. */
  private Duration lease = Duration.ofMinutes(2);

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public List<String> getNewTaskGroups() {
    return newTaskGroups;
  }

  public void setNewTaskGroups(List<String> newTaskGroups) {
    this.newTaskGroups = newTaskGroups;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Duration getRetryDelay() {
    return retryDelay;
  }

  public void setRetryDelay(Duration retryDelay) {
    this.retryDelay = retryDelay;
  }

  public Duration getLease() {
    return lease;
  }

  public void setLease(Duration lease) {
    this.lease = lease;
  }
}
