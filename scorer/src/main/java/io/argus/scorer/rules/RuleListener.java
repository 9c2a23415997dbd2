package io.argus.scorer.rules;

/** Told about each rule that held and each rule that failed while a {@link RuleSet} evaluated one transaction. */
public interface RuleListener {

  RuleListener NONE = new RuleListener() {
    @Override
    public void held(CompiledRule rule) {
    }

    @Override
    public void failed(CompiledRule rule, Exception failure) {
    }
  };

  void held(CompiledRule rule);

  /** The rule could not be evaluated on this transaction; it did not fire. */
  void failed(CompiledRule rule, Exception failure);
}
