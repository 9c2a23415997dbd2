/** The fraud_v1 feature set, declared once, and the code that computes it. */
package io.argus.features;
