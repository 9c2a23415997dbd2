/** The Fraud Detection Handbook's data shape: its CSV columns, and the one card per customer that Argus derives. */
package io.argus.ingestion.handbook;
