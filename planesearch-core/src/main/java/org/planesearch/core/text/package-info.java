/** Text forms shared by every configuration's {@code describe()}. */
package org.planesearch.core.text;
