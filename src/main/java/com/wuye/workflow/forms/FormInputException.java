package com.wuye.workflow.forms;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input that a form checks only in the browser, refused again on the server with a message the
 * staff can read. It extends the engine's form validation exception because that is the type
 * the REST API answers with 400 (Tasklist shows the message); the transaction is rolled back,
 * so nothing the refused step would have done is kept.
 */
public class FormInputException extends FormFieldValidationException {

  private final String field;

  public FormInputException(String field, String message) {
    super(field, message);
    this.field = field;
  }

  public String getField() {
    return field;
  }
}
