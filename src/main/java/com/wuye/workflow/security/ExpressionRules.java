package com.wuye.workflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list over a diagram's expressions. JUEL calls methods on any object it reaches, so
 * an expression is accepted only when every part of it is one of: a process variable by name,
 * a literal, an operator, or a call of a documented helper method
 * ({@link DiagramBeans#HELPERS}). Refused: any other method or function call, property access
 * ({@code execution.processEngineServices}, {@code a.b}), indexing, lambdas and assignments, and
 * the engine's context objects ({@code execution}, {@code task}).
 */
public final class ExpressionRules {

  private static final Set<String> CONTEXT_OBJECTS =
      Set.of("execution", "task", "caseExecution", "externalTask", "variableScope");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt",
      "le", "ge", "empty", "true", "false", "null", "div", "mod");
  private static final Set<String> OPERATORS = Set.of("==", "!=", "<=", ">=", "<", ">", "&&",
      "||", "!", "+", "-", "*", "/", "%", "?", ":", "(", ")", ",", ".");

  private ExpressionRules() {
  }

  /** True when the text holds an expression ({@code ${…}} or {@code #{…}}). */
  public static boolean hasExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /**
   * Checks every {@code ${…}} / {@code #{…}} in the text; returns null when allowed, otherwise
   * why not (in Chinese, for the process owner).
   */
  public static String violation(String text) {
    int i = 0;
    while (i < text.length()) {
      int start = indexOfExpression(text, i);
      if (start < 0) {
        return null;
      }
      int end = endOf(text, start + 2);
      if (end < 0) {
        return "表達式「" + text + "」沒有結束的「}」。";
      }
      String problem = check(text.substring(start + 2, end));
      if (problem != null) {
        return problem;
      }
      i = end + 1;
    }
    return null;
  }

  private static int indexOfExpression(String text, int from) {
    int dollar = text.indexOf("${", from);
    int hash = text.indexOf("#{", from);
    if (dollar < 0) {
      return hash;
    }
    return hash < 0 ? dollar : Math.min(dollar, hash);
  }

  /** The closing brace of an expression, skipping string literals. */
  private static int endOf(String text, int from) {
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '}') {
        return i;
      } else if (c == '{') {
        return -1;
      }
    }
    return -1;
  }

  private static String check(String expression) {
    List<String> tokens;
    try {
      tokens = tokens(expression);
    } catch (IllegalArgumentException e) {
      return "表達式「" + expression + "」含不允許的字元「" + e.getMessage() + "」。";
    }
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
      String previous = i > 0 ? tokens.get(i - 1) : "";
      if (isIdentifier(token) && !".".equals(previous)) {
        if (CONTEXT_OBJECTS.contains(token)) {
          return "表達式「" + expression + "」不可使用引擎物件「" + token + "」。";
        }
        if (".".equals(next)) {
          Set<String> methods = DiagramBeans.HELPERS.get(token);
          String member = i + 2 < tokens.size() ? tokens.get(i + 2) : "";
          String call = i + 3 < tokens.size() ? tokens.get(i + 3) : "";
          if (methods == null || !methods.contains(member) || !"(".equals(call)) {
            return "表達式「" + expression + "」只可呼叫已公布的輔助方法(" + helpers()
                + "),不可使用「" + token + "." + member + "」。";
          }
          i += 2;
        } else if ("(".equals(next) && !KEYWORDS.contains(token)) {
          return "表達式「" + expression + "」不可呼叫函數「" + token + "」。";
        }
      } else if (".".equals(token)) {
        return "表達式「" + expression + "」不可存取屬性或方法(「.」)。";
      }
    }
    return null;
  }

  private static String helpers() {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Set<String>> helper : DiagramBeans.HELPERS.entrySet()) {
      helper.getValue().forEach(m -> names.add(helper.getKey() + "." + m + "()"));
    }
    return String.join("、", names);
  }

  private static boolean isIdentifier(String token) {
    return !token.isEmpty() && Character.isJavaIdentifierStart(token.charAt(0))
        && !KEYWORDS.contains(token);
  }

  static List<String> tokens(String expression) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < expression.length() && expression.charAt(j) != c) {
          j += expression.charAt(j) == '\\' ? 2 : 1;
        }
        tokens.add("'literal'");
        i = j + 1;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < expression.length()
            && (Character.isDigit(expression.charAt(j)) || expression.charAt(j) == '.'
            || expression.charAt(j) == 'e' || expression.charAt(j) == 'E')) {
          j++;
        }
        tokens.add("0");
        i = j;
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i;
        while (j < expression.length() && Character.isJavaIdentifierPart(expression.charAt(j))) {
          j++;
        }
        tokens.add(expression.substring(i, j));
        i = j;
      } else {
        String two = i + 1 < expression.length() ? expression.substring(i, i + 2) : "";
        if (OPERATORS.contains(two)) {
          tokens.add(two);
          i += 2;
        } else if (OPERATORS.contains(String.valueOf(c))) {
          tokens.add(String.valueOf(c));
          i++;
        } else {
          throw new IllegalArgumentException(String.valueOf(c));
        }
      }
    }
    return tokens;
  }
}
