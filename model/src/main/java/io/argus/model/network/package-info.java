/** The plain-Java networks that score on the payment path, their normalisation and their sequence layout. */
package io.argus.model.network;
