/**
 * Developer tools kept out of the product jar: the Java half of python-export/benchmark.py and of
 * the Keras training-parity check, behind {@link org.siameseangular.dev.DevTools}.
 */
package org.siameseangular.dev;
