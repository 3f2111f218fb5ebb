package com.wuye.workflow.forms;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Server-side checks of submitted form values; each failure names the field in Chinese. */
public final class FormValues {

  /** The longest free text a form field may hold (a duty-log entry is 4,000 characters). */
  public static final int MAX_TEXT = 2000;

  private final Map<String, Object> values;

  private FormValues(Map<String, Object> values) {
    this.values = values;
  }

  public static FormValues of(VariableScope scope) {
    return new FormValues(scope.getVariables());
  }

  public static FormValues of(Map<String, Object> values) {
    return new FormValues(values);
  }

  public Object get(String key) {
    return values.get(key);
  }

  public String text(String key) {
    Object value = values.get(key);
    return value == null ? null : value.toString().trim();
  }

  /** A value that must be text: a number or list where text belongs is refused. */
  private void requireString(String key, String label) {
    Object value = values.get(key);
    if (value != null && !(value instanceof String)) {
      throw new FormInputException(key, "「" + label + "」須為文字。");
    }
  }

  public boolean isTrue(String key) {
    Object value = values.get(key);
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  public boolean is(String key, String expected) {
    return expected.equals(text(key));
  }

  /** A non-blank text of at most {@link #MAX_TEXT} characters. */
  public FormValues requireText(String key, String label) {
    requireString(key, label);
    String value = text(key);
    if (value == null || value.isEmpty()) {
      throw new FormInputException(key, "請填寫「" + label + "」。");
    }
    return limit(key, label);
  }

  public FormValues limit(String key, String label) {
    String value = text(key);
    if (value != null && value.length() > MAX_TEXT) {
      throw new FormInputException(key, "「" + label + "」不可超過 " + MAX_TEXT + " 字。");
    }
    return this;
  }

  public FormValues requireLength(String key, String label, int max) {
    String value = text(key);
    if (value != null && value.length() > max) {
      throw new FormInputException(key, "「" + label + "」不可超過 " + max + " 字。");
    }
    return this;
  }

  /** A true/false value (a JSON boolean over REST); "true"/"false" text is not accepted. */
  public FormValues requireBoolean(String key, String label) {
    if (!(values.get(key) instanceof Boolean)) {
      throw new FormInputException(key, values.get(key) == null
          ? "請填寫「" + label + "」(是/否)。" : "「" + label + "」須為是/否(true/false)。");
    }
    return this;
  }

  public FormValues optionalBoolean(String key, String label) {
    if (values.get(key) != null && !(values.get(key) instanceof Boolean)) {
      throw new FormInputException(key, "「" + label + "」須為是/否(true/false)。");
    }
    return this;
  }

  public FormValues requireChecked(String key, String label) {
    if (!isTrue(key)) {
      throw new FormInputException(key, "請確認「" + label + "」。");
    }
    return this;
  }

  public FormValues requireOneOf(String key, String label, Set<String> allowed) {
    String value = text(key);
    if (value == null || value.isEmpty()) {
      throw new FormInputException(key, "請選擇「" + label + "」。");
    }
    if (!allowed.contains(value)) {
      throw new FormInputException(key, "「" + label + "」的值「" + value + "」無效。");
    }
    return this;
  }

  /** A date-time as Camunda Forms submits it (ISO local date-time, e.g. 2026-11-25T14:30). */
  public FormValues requireDateTime(String key, String label) {
    String value = text(key);
    if (value == null || value.isEmpty()) {
      throw new FormInputException(key, "請填寫「" + label + "」。");
    }
    try {
      java.time.LocalDateTime.parse(value.length() > 19 ? value.substring(0, 19) : value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new FormInputException(key, "「" + label + "」不是有效的日期時間:" + value);
    }
    return this;
  }

  /**
   * An optional moment that has passed, at most {@code maxAge} ago (a report of something seen
   * or heard): ISO 8601 with an offset, or a form's local date and time in {@code zone}. Empty
   * means now. Refused naming the field when in the future or older.
   */
  public java.util.Date optionalRecentMoment(String key, String label, java.time.ZoneId zone,
      java.util.Date now, java.time.Duration maxAge) {
    String value = text(key);
    if (value == null || value.isEmpty()) {
      return null;
    }
    java.time.Instant moment = requireMoment(key, label, zone);
    if (moment.isAfter(now.toInstant().plusSeconds(60))) {
      throw new FormInputException(key, "「" + label + "」不可在將來。");
    }
    if (moment.isBefore(now.toInstant().minus(maxAge))) {
      throw new FormInputException(key, "「" + label + "」不可早於" + maxAge.toHours()
          + "小時前;更早收到的投訴請按現在登記,並在投訴內容註明收到的時間。");
    }
    return java.util.Date.from(moment);
  }

  /**
   * A required moment: ISO 8601 with an offset, or a form's local date and time in {@code zone};
   * refused naming the field when empty or not a date and time.
   */
  public java.time.Instant requireMoment(String key, String label, java.time.ZoneId zone) {
    String value = text(key);
    if (value == null || value.isEmpty()) {
      throw new FormInputException(key, "請填寫「" + label + "」。");
    }
    java.time.Instant moment = StaffText.moment(value, zone);
    if (moment == null) {
      throw new FormInputException(key, "「" + label + "」不是有效的日期時間:" + value);
    }
    return moment;
  }

  /**
   * A community of one of the company's offices, and one the acting user may open a case for:
   * their own office's, or any for the company-wide roles (answered with the communities the
   * user may choose, since a start form cannot list them).
   */
  public FormValues requireCommunity(String key, String label,
      com.wuye.workflow.office.Offices offices) {
    requireText(key, label).requireLength(key, label, 100);
    offices.requireCallerMayOpen(key, offices.requireOfficeOf(key, text(key)));
    return this;
  }

  /**
   * The format of a unit (房號): 1 to {@value #MAX_UNIT} characters of Chinese characters
   * (樓, 室, 座 …), letters and digits (half- or full-width), "-" and "/", starting with a
   * character or digit. For example 12樓03室, 3/F-A, B-1203. No spaces, no markup.
   */
  public static final java.util.regex.Pattern UNIT_FORMAT = java.util.regex.Pattern.compile(
      "[\\p{IsHan}0-9A-Za-z０-９Ａ-Ｚａ-ｚ][\\p{IsHan}0-9A-Za-z０-９Ａ-Ｚａ-ｚ/\\-]{0,29}");
  public static final int MAX_UNIT = 30;

  public FormValues requireUnit(String key, String label) {
    requireText(key, label);
    String value = text(key);
    if (!UNIT_FORMAT.matcher(value).matches()) {
      throw new FormInputException(key, "「" + label + "」格式不正確:只可包含中文、英文字母、數字、「-」及「/」,最多 " + MAX_UNIT + " 字,例如 12樓03室。");
    }
    return this;
  }

  /** A phone number: digits with optional +, spaces, hyphens and brackets, 6 to 20 characters. */
  public FormValues requirePhone(String key, String label) {
    requireText(key, label);
    String value = text(key);
    if (!value.matches("[+0-9][0-9 ()\\-]{5,19}")) {
      throw new FormInputException(key, "「" + label + "」不是有效的電話號碼:" + value);
    }
    return this;
  }
}
