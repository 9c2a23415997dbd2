/** Risk rules from the analyst's side: backtests over the offline store, and publishing to the rules topic. */
package io.argus.pipeline.rules;
