/**
 * Files: JSON through Jackson ({@link org.siameseangular.io.JsonCodec}, one vocabulary for every
 * JSON file the project writes), files written through a temporary sibling and a rename ({@link
 * org.siameseangular.io.AtomicFiles}), whole directories replaced in one swap ({@link
 * org.siameseangular.io.AtomicDirectory}). Also the test-only pause points ({@link
 * org.siameseangular.io.TestHook}) that kill and interrupt tests synchronise on. Depends on nothing
 * else in the project.
 */
package org.siameseangular.io;
