package com.wuye.workflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SameDayTest {

  @ParameterizedTest(name = "{0} in {1}, cut-off {2} → due {3}")
  @DisplayName("CP-10.2 'the same day' is the end of the arrival day in the office's zone; after the cut-off, the next day")
  @CsvSource({
      "2026-11-25T09:00, Asia/Hong_Kong, 18:00, 2026-11-25T23:59:59",
      "2026-11-25T17:59, Asia/Hong_Kong, 18:00, 2026-11-25T23:59:59",
      "2026-11-25T18:00, Asia/Hong_Kong, 18:00, 2026-11-26T23:59:59",
      "2026-11-30T23:30, Asia/Hong_Kong, 18:00, 2026-12-01T23:59:59",
      "2026-11-25T17:00, Europe/London,  16:00, 2026-11-26T23:59:59",
  })
  void deadline(String received, String zone, String cutoff, String due) {
    ComplaintProperties properties = new ComplaintProperties();
    properties.setTimeZone(ZoneId.of(zone));
    properties.setSameDayCutoff(LocalTime.parse(cutoff));
    Date receivedAt = Date.from(ZonedDateTime.of(LocalDateTime.parse(received), ZoneId.of(zone)).toInstant());
    assertThat(SameDay.deadline(receivedAt, properties))
        .isEqualTo(Date.from(ZonedDateTime.of(LocalDateTime.parse(due), ZoneId.of(zone)).toInstant()));
  }
}
