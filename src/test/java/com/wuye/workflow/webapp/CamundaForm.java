package com.wuye.workflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A Camunda Form as form-js renders it in Tasklist, its fields found by the label staff read
 * (a required field's label ends with an asterisk).
 */
final class CamundaForm {

  private final Browser browser;
  private final By root;

  /** The form inside {@code root}: a task's details or the start dialog. */
  CamundaForm(Browser browser, By root) {
    this.browser = browser;
    this.root = root;
  }

  /** The rendered form, waited for: form-js renders after Tasklist has fetched the schema. */
  WebElement root() {
    return browser.until(driver -> {
      WebElement form = driver.findElement(root).findElement(By.cssSelector("form.fjs-form"));
      return form.isDisplayed() ? form : null;
    });
  }

  /** The field's box: its label, input(s) and error messages. */
  WebElement field(String label) {
    if (label.contains("'")) {
      throw new IllegalArgumentException(label);
    }
    List<WebElement> found = root().findElements(By.xpath(
        ".//div[contains(@class,'fjs-form-field')][./label[contains(@class,'fjs-form-field-label')]"
            + "[normalize-space(.)='" + label + "' or normalize-space(.)='" + label + "*']]"));
    assertThat(found).as("form field 「%s」", label).hasSize(1);
    return found.get(0);
  }

  CamundaForm text(String label, String value) {
    browser.until(driver -> {
      WebElement input = field(label).findElement(By.cssSelector("input, textarea"));
      browser.scrollTo(input);
      browser.type(input, value);
      return value.equals(input.getDomProperty("value"));
    });
    return this;
  }

  CamundaForm select(String label, String option) {
    WebElement field = field(label);
    browser.click(field.findElement(By.cssSelector(".fjs-select-display")));
    browser.click(field.findElement(By.xpath(
        ".//div[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='" + option + "']")));
    return this;
  }

  CamundaForm radio(String label, String option) {
    browser.click(field(label).findElement(By.xpath(
        ".//label[normalize-space(.)='" + option + "']")));
    return this;
  }

  CamundaForm check(String label) {
    WebElement box = field(label).findElement(By.cssSelector("input[type='checkbox']"));
    if (!box.isSelected()) {
      browser.click(box);
    }
    return this;
  }

  /** What the field shows: a text field's value, a select's chosen label, a radio's choice. */
  String value(String label) {
    WebElement field = field(label);
    List<WebElement> display = field.findElements(By.cssSelector(".fjs-select-display"));
    if (!display.isEmpty()) {
      return display.get(0).getText();
    }
    List<WebElement> checked = field.findElements(By.cssSelector("label.fjs-checked"));
    if (!checked.isEmpty()) {
      return checked.get(0).getText();
    }
    return field.findElement(By.cssSelector("input, textarea")).getDomProperty("value");
  }

  /** The validation messages form-js shows under the field. */
  List<String> errors(String label) {
    List<String> errors = new ArrayList<>();
    for (WebElement error : field(label).findElements(By.cssSelector(".fjs-form-field-error"))) {
      if (error.isDisplayed() && !error.getText().isBlank()) {
        errors.add(error.getText());
      }
    }
    return errors;
  }

  /** The form's visible text: labels, read-only values are in inputs and not part of it. */
  String text() {
    return root().getText();
  }

  /** Labels of the read-only fields showing no value: data the process should have given. */
  @SuppressWarnings("unchecked")
  List<String> emptyReadOnlyFields() {
    return (List<String>) browser.script("""
        return Array.from(arguments[0].querySelectorAll('div.fjs-form-field.fjs-readonly'))
          .filter(f => { const i = f.querySelector('input, textarea');
                         return i && i.value.trim() === ''; })
          .map(f => f.querySelector('label').textContent.trim());""",
        root());
  }
}
