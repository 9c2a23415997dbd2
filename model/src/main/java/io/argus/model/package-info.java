/** The serving contract: what a fraud model reads, what it answers, and the model families Argus trains. */
package io.argus.model;
