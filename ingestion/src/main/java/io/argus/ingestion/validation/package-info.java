/** The one validation of a transaction against the public JSON contract, shared by every way in. */
package io.argus.ingestion.validation;
