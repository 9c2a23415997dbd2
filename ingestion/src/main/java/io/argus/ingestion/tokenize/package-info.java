/** Card numbers: keyed tokenization (HMAC-SHA256), PCI masking of any bytes, and the Luhn check. */
package io.argus.ingestion.tokenize;
