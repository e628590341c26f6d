/**
 * Cluster-wide scheduled jobs: db-scheduler over the {@code scheduled_tasks} table. Modules declare their jobs as
 * db-scheduler {@code Task} beans; each execution runs on exactly one node.
 */
@NullMarked
package org.shifo.platform.jobs;

import org.jspecify.annotations.NullMarked;
