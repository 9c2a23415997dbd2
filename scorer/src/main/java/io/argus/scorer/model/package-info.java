/** The champion model: loading behind a seam, checks, hot swap, per-thread copies, following model releases. */
package io.argus.scorer.model;
