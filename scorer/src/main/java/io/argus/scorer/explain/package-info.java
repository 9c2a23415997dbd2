/** SHAP explanations: feature and event groups, the background sample, exact Shapley values and KernelSHAP. */
package io.argus.scorer.explain;
