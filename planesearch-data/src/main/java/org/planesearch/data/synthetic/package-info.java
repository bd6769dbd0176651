/** Seeded synthetic datasets for measurements at sizes the real sets do not reach. */
package org.planesearch.data.synthetic;
