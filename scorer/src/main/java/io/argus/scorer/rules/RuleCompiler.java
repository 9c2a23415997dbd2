package io.argus.scorer.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.argus.avro.RiskRule;
import io.argus.features.FeatureSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a published rule into a {@link CompiledRule}, or refuses it with one clear line. A rule is a CEL expression
 * (Google's Common Expression Language: no loops beyond bounded macros over lists, no side effects, no access to the
 * JVM) that must type-check to {@code bool} against the names of {@link RuleVariables} and use at least one of them; a
 * name CEL does not know is refused naming the closest known one. Integers and doubles compare with each other
 * ({@code TX_AMOUNT > 220} and {@code > 220.0} both work), and the standard macros ({@code exists}, {@code all},
 * {@code filter}, {@code map}) are on, bounded by the sequence's length. The command line, the dashboard and the scorer
 * all compile through this class, so what one accepts the others accept.
 */
public final class RuleCompiler {

  public static final int MAX_EXPRESSION_LENGTH = 4_096;
  public static final int MAX_DESCRIPTION_LENGTH = 1_000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)'");
  private static final CelOptions OPTIONS = CelOptions.current()
      .enableHeterogeneousNumericComparisons(true)
      .comprehensionMaxIterations(1_000)
      .maxParseExpressionNodeCount(1_000)
      .build();

  /** An expression that passed the checks, and the names it reads (in declared order). */
  public record Checked(String expression, List<String> names, CelAbstractSyntaxTree syntaxTree) {
  }

  private final RuleVariables variables;
  private final CelCompiler compiler;
  private final CelRuntime runtime;

  public RuleCompiler(FeatureSet featureSet) {
    this.variables = new RuleVariables(featureSet);
    CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setResultType(SimpleType.BOOL);
    for (RuleVariables.Variable variable : variables.all()) {
      builder.addVar(variable.name(), variable.type());
    }
    this.compiler = builder.build();
    this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
  }

  public RuleVariables variables() {
    return variables;
  }

  /** Parses and type-checks {@code expression} alone, as the editor's check and {@code argus rules} do. */
  public Checked check(String expression) throws RuleRejectedException {
    if (expression == null || expression.isBlank()) {
      throw new RuleRejectedException("the expression is empty: write a condition such as TX_AMOUNT > 220.0");
    }
    if (expression.length() > MAX_EXPRESSION_LENGTH) {
      throw new RuleRejectedException("the expression has " + expression.length() + " characters; at most "
          + MAX_EXPRESSION_LENGTH + " are allowed");
    }
    CelValidationResult result = compiler.compile(expression);
    if (result.hasError()) {
      throw new RuleRejectedException(describe(result.getErrors()));
    }
    CelAbstractSyntaxTree syntaxTree;
    try {
      syntaxTree = result.getAst();
    } catch (CelValidationException e) {
      throw new RuleRejectedException(e.getMessage());
    }
    Set<String> referenced = new HashSet<>();
    for (CelReference reference : syntaxTree.getReferenceMap().values()) {
      referenced.add(reference.name());
    }
    List<String> names = variables.names().stream().filter(referenced::contains).toList();
    if (names.isEmpty()) {
      throw new RuleRejectedException("the expression reads nothing of the transaction: a rule must use at least one "
          + "feature, transaction field or the score (a constant would hit every transaction or none)");
    }
    return new Checked(expression, names, syntaxTree);
  }

  /** Checks the whole rule (id, action, expression) and builds its program. */
  public CompiledRule compile(RiskRule rule) throws RuleRejectedException {
    checkId(rule.getId());
    if (rule.getAction() == null) {
      throw new RuleRejectedException("rule '" + rule.getId() + "' has no action (REVIEW, DECLINE or ALLOW)");
    }
    if (rule.getDescription() != null && rule.getDescription().length() > MAX_DESCRIPTION_LENGTH) {
      throw new RuleRejectedException("the description of rule '" + rule.getId() + "' is longer than "
          + MAX_DESCRIPTION_LENGTH + " characters");
    }
    if (rule.getVersion() < 1) {
      throw new RuleRejectedException("rule '" + rule.getId() + "' has version " + rule.getVersion()
          + "; versions start at 1");
    }
    Checked checked;
    try {
      checked = check(rule.getExpression());
    } catch (RuleRejectedException e) {
      throw new RuleRejectedException("rule '" + rule.getId() + "': " + e.getMessage());
    }
    try {
      return new CompiledRule(rule, runtime.createProgram(checked.syntaxTree()), checked.names());
    } catch (CelEvaluationException e) {
      throw new RuleRejectedException("rule '" + rule.getId() + "' cannot be prepared: " + e.getMessage());
    }
  }

  /** Refuses an id the rules topic, the dashboard and the command line could not all carry. */
  public static void checkId(String id) throws RuleRejectedException {
    if (id == null || !ID.matcher(id).matches()) {
      throw new RuleRejectedException("a rule id is 1 to 64 letters, digits, '.', '_' or '-' starting with a letter "
          + "or digit, got '" + id + "'");
    }
  }

  private String describe(List<CelIssue> issues) {
    List<String> messages = new ArrayList<>();
    for (CelIssue issue : issues) {
      Matcher undeclared = UNDECLARED.matcher(issue.getMessage());
      String where = " (column " + (issue.getSourceLocation().getColumn() + 1) + ")";
      if (undeclared.find()) {
        messages.add(unknownName(undeclared.group(1)) + where);
      } else {
        String message = issue.getMessage().replace(" (in container '')", "");
        if (message.contains("(double, int)") || message.contains("(int, double)")) {
          message += " — features are doubles: write 1.0 rather than 1 in == and !=";
        }
        messages.add(message + where);
      }
    }
    return messages.stream().distinct().collect(Collectors.joining("; "));
  }

  private String unknownName(String name) {
    String closest = closest(name);
    return "'" + name + "' is not a name rules know" + (closest == null ? "" : " (did you mean '" + closest + "'?)")
        + ": rules use the " + variables.featureSet().version() + " feature names (" + String.join(", ",
        variables.featureSet().staticNames().subList(0, Math.min(3, variables.featureSet().staticNames().size())))
        + ", ...), " + RuleVariables.TRANSACTION_ID + ", " + RuleVariables.CARD_TOKEN + ", "
        + RuleVariables.CUSTOMER_ID + ", " + RuleVariables.TERMINAL_ID + ", " + RuleVariables.EVENT_TIME + " and "
        + RuleVariables.SCORE;
  }

  /**
   * The known name closest to {@code name} by edit distance, ignoring case, if it is close enough to be a typo or
   * contains the name ({@code AMOUNT} for {@code TX_AMOUNT}).
   */
  private String closest(String name) {
    String wanted = name.toUpperCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : variables.names()) {
      String known = candidate.toUpperCase(Locale.ROOT);
      int distance = editDistance(wanted, known);
      boolean plausible = distance <= Math.max(2, wanted.length() / 4)
          || (wanted.length() >= 4 && known.contains(wanted));
      if (plausible && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
