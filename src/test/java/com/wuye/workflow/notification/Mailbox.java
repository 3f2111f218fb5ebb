package com.wuye.workflow.notification;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** What a test's SMTP server (GreenMail) received for one address. */
public final class Mailbox {

  private Mailbox() {
  }

  public static List<MimeMessage> to(GreenMailExtension smtp, String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).map(Address::toString).anyMatch(address::equals);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
