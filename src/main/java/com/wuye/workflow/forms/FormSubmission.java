package com.wuye.workflow.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a submission of a Camunda Form may carry: the keys of the form's fields and nothing
 * else, each of the type its field produces and within its limits. Read-only fields must carry
 * the case's current value (or be absent) and are removed before the engine sees the
 * submission, so they never change the case. The check does not evaluate the form's
 * conditions: a field the form would hide is still typed and limited here, and the task's own
 * checks decide whether its value makes sense.
 */
public final class FormSubmission {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Variable types a form produces (Tasklist's names); Object, File and Bytes never. */
  private static final Set<String> FORM_TYPES = Set.of("", "string", "boolean", "integer",
      "long", "short", "double", "json", "null");

  private final Map<String, Field> fields;

  private FormSubmission(Map<String, Field> fields) {
    this.fields = fields;
  }

  /** The rules of a Camunda Form (its JSON schema); null form: no field at all. */
  public static FormSubmission of(JsonNode form) {
    Map<String, Field> fields = new LinkedHashMap<>();
    if (form != null) {
      collect(form.path("components"), fields);
    }
    return new FormSubmission(fields);
  }

  public static FormSubmission parse(byte[] formJson) throws java.io.IOException {
    return of(JSON.readTree(formJson));
  }

  private static void collect(JsonNode components, Map<String, Field> fields) {
    for (JsonNode component : components) {
      String key = component.path("key").asText("");
      if (!key.isEmpty()) {
        fields.put(key, new Field(component));
      }
      collect(component.path("components"), fields);
    }
  }

  /**
   * The read-only fields among the submitted {@code variables}: the only ones whose current
   * values {@link #check} asks for.
   */
  public Set<String> readonlyIn(ObjectNode variables) {
    Set<String> readonly = new LinkedHashSet<>();
    variables.fieldNames().forEachRemaining(name -> {
      Field field = fields.get(name);
      if (field != null && field.readonly) {
        readonly.add(name);
      }
    });
    return readonly;
  }

  /**
   * Checks the {@code variables} object of a REST submission ({"name": {"value", "type"}});
   * returns it without the read-only fields. Throws {@link FormInputException} naming the first
   * field that breaks a rule.
   */
  public ObjectNode check(ObjectNode variables, Function<String, Object> currentValue) {
    ObjectNode kept = variables.deepCopy();
    List<String> names = new ArrayList<>();
    variables.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      Field field = fields.get(name);
      if (field == null) {
        throw new FormInputException(name, "表單沒有「" + name + "」這一欄,不可提交。");
      }
      JsonNode entry = variables.get(name);
      JsonNode value = entry.isObject() ? entry.path("value") : entry;
      String type = entry.isObject() ? entry.path("type").asText("") : "";
      if (!FORM_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT))) {
        throw new FormInputException(name, field.name() + "的資料類型「" + type + "」不適用於表單。");
      }
      if (field.readonly) {
        if (!sameValue(value, currentValue.apply(name))) {
          throw new FormInputException(name, field.name() + "是唯讀欄位,不可更改。");
        }
        kept.remove(name);
        continue;
      }
      if (value.isNull() || value.isMissingNode()) {
        continue;
      }
      field.check(value);
    }
    return kept;
  }

  static boolean sameValue(JsonNode submitted, Object current) {
    if (submitted == null || submitted.isNull() || submitted.isMissingNode()) {
      return true;
    }
    if (current == null) {
      return submitted.isTextual() && submitted.textValue().isEmpty();
    }
    if (current instanceof Number number) {
      try {
        return submitted.isNumber() || submitted.isTextual()
            ? new BigDecimal(submitted.asText()).compareTo(new BigDecimal(number.toString())) == 0
            : false;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (current instanceof Boolean b) {
      return submitted.isBoolean() ? submitted.booleanValue() == b
          : submitted.isTextual() && submitted.textValue().equals(b.toString());
    }
    if (current instanceof String s) {
      return submitted.isTextual() ? submitted.textValue().equals(s)
          : submitted.isValueNode() && submitted.asText().equals(s);
    }
    if (current instanceof java.util.Date) {
      // a date the process derived: shown as text; it is removed from the submission either way
      return submitted.isTextual();
    }
    try {
      JsonNode currentJson = JSON.readTree(current.toString());
      JsonNode submittedJson = submitted.isTextual() ? JSON.readTree(submitted.textValue()) : submitted;
      return currentJson.equals(submittedJson);
    } catch (java.io.IOException e) {
      return submitted.asText().equals(current.toString());
    }
  }

  private static final class Field {
    final String key;
    final String type;
    final String label;
    final boolean readonly;
    final Set<String> values;
    final int maxLength;
    final int minLength;
    final Pattern pattern;
    final BigDecimal min;
    final BigDecimal max;
    final String subtype;

    Field(JsonNode component) {
      key = component.path("key").asText();
      type = component.path("type").asText("textfield");
      String shown = component.path("label").asText("");
      if (shown.isEmpty()) {
        shown = component.path("dateLabel").asText(component.path("timeLabel").asText(key));
      }
      label = shown;
      readonly = component.path("readonly").asBoolean(false)
          || component.path("disabled").asBoolean(false);
      Set<String> options = null;
      if (component.path("values").isArray()) {
        options = new LinkedHashSet<>();
        for (JsonNode option : component.path("values")) {
          options.add(option.path("value").asText());
        }
      }
      values = options;
      JsonNode validate = component.path("validate");
      maxLength = validate.path("maxLength").asInt(FormValues.MAX_TEXT);
      minLength = validate.path("minLength").asInt(0);
      Pattern compiled = null;
      if (validate.hasNonNull("pattern")) {
        try {
          compiled = Pattern.compile(validate.path("pattern").asText());
        } catch (PatternSyntaxException e) {
          compiled = null;
        }
      }
      pattern = compiled;
      min = validate.hasNonNull("min") ? new BigDecimal(validate.path("min").asText()) : null;
      max = validate.hasNonNull("max") ? new BigDecimal(validate.path("max").asText()) : null;
      subtype = component.path("subtype").asText("datetime");
    }

    void check(JsonNode value) {
      switch (type) {
        case "checkbox" -> {
          if (!value.isBoolean()) {
            throw refuse("須為是/否(true/false)");
          }
        }
        case "number" -> {
          BigDecimal number;
          try {
            number = value.isNumber() ? value.decimalValue()
                : value.isTextual() && !value.textValue().isBlank()
                    ? new BigDecimal(value.textValue().trim()) : null;
          } catch (NumberFormatException e) {
            number = null;
          }
          if (number == null && !(value.isTextual() && value.textValue().isBlank())) {
            throw refuse("須為數字");
          }
          if (number != null && (min != null && number.compareTo(min) < 0
              || max != null && number.compareTo(max) > 0)) {
            throw refuse("超出允許範圍");
          }
        }
        case "checklist", "taglist" -> {
          JsonNode list = value;
          if (value.isTextual()) {
            try {
              list = JSON.readTree(value.textValue());
            } catch (java.io.IOException e) {
              throw refuse("須為選項清單");
            }
          }
          if (!list.isArray()) {
            throw refuse("須為選項清單");
          }
          for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            if (!item.isTextual() || values != null && !values.contains(item.textValue())) {
              throw refuse("含無效的選項「" + item.asText() + "」");
            }
          }
        }
        case "radio", "select" -> {
          if (!value.isTextual()) {
            throw refuse("須為其中一個選項");
          }
          if (values != null && !value.textValue().isEmpty() && !values.contains(value.textValue())) {
            throw refuse("的值「" + value.textValue() + "」不是表單的選項");
          }
        }
        case "datetime" -> {
          if (!value.isTextual() || !isDateOrTime(value.textValue())) {
            throw refuse("不是有效的日期或時間");
          }
        }
        default -> {
          if (!value.isTextual()) {
            throw refuse("須為文字");
          }
          String text = value.textValue();
          if (text.length() > maxLength) {
            throw new FormInputException(key, name() + "不可超過 " + maxLength + " 字。");
          }
          if (!text.isEmpty() && text.length() < minLength) {
            throw new FormInputException(key, name() + "最少 " + minLength + " 字。");
          }
          if (pattern != null && !text.isEmpty() && !pattern.matcher(text).find()) {
            throw refuse("格式不正確");
          }
        }
      }
    }

    private boolean isDateOrTime(String text) {
      if (text.isEmpty()) {
        return true;
      }
      for (Function<String, Object> parser : List.<Function<String, Object>>of(
          OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse, LocalTime::parse)) {
        try {
          parser.apply(text);
          return text.length() <= 40;
        } catch (RuntimeException e) {
          // try the next form
        }
      }
      return false;
    }

    /** Staff read the label, integrations the key: both are named. */
    String name() {
      return "「" + label + "」(" + key + ")";
    }

    private FormInputException refuse(String why) {
      return new FormInputException(key, name() + "" + why + "。");
    }
  }
}
