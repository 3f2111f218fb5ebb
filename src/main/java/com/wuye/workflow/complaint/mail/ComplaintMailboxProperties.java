package com.wuye.workflow.complaint.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wuye.complaint-mailbox.*}: the company's complaint mailbox (CP-5), read over IMAP. Off
 * while {@code host} is not set.
 */
@ConfigurationProperties("wuye.complaint-mailbox")
public class ComplaintMailboxProperties {

  /** IMAP server; empty: the mailbox is not read. */
  private String host = "";
  private int port = 993;
  /** {@code imaps} (TLS, the default) or {@code imap}. */
  private String protocol = "imaps";
  private String username = "";
  private String password = "";
  private String folder = "INBOX";
  /** How often the mailbox is read. */
  private Duration pollInterval = Duration.ofMinutes(1);
  /** Largest attachment kept with a complaint; larger ones are listed, not stored. */
  private int maxAttachmentBytes = 5 * 1024 * 1024;
  /** Attachments kept per message. */
  private int maxAttachments = 10;
  /** Acknowledgements one sender gets in a day; more messages still make complaints. */
  private int acknowledgementsPerSenderPerDay = 3;

  public boolean enabled() {
    return host != null && !host.isBlank();
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getFolder() {
    return folder;
  }

  public void setFolder(String folder) {
    this.folder = folder;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public int getMaxAttachmentBytes() {
    return maxAttachmentBytes;
  }

  public void setMaxAttachmentBytes(int maxAttachmentBytes) {
    this.maxAttachmentBytes = maxAttachmentBytes;
  }

  public int getMaxAttachments() {
    return maxAttachments;
  }

  public void setMaxAttachments(int maxAttachments) {
    this.maxAttachments = maxAttachments;
  }

  public int getAcknowledgementsPerSenderPerDay() {
    return acknowledgementsPerSenderPerDay;
  }

  public void setAcknowledgementsPerSenderPerDay(int acknowledgementsPerSenderPerDay) {
    this.acknowledgementsPerSenderPerDay = acknowledgementsPerSenderPerDay;
  }
}
