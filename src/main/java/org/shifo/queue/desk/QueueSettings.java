package org.shifo.queue.desk;

import java.util.EnumMap;
import java.util.Map;
import org.shifo.queue.domain.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Queue settings: the rank of each priority (higher is served first) and the consultation length assumed
 * before a practitioner has finished any ({@code shifo.queue.*}).
 */
@ConfigurationProperties("shifo.queue")
public class QueueSettings {

    private Map<Priority, Integer> priorityRanks = new EnumMap<>(Priority.class);
    private int defaultServiceMinutes = 15;
    private int estimateSample = 10;

    public Map<Priority, Integer> getPriorityRanks() {
        return priorityRanks;
    }

    public void setPriorityRanks(Map<Priority, Integer> priorityRanks) {
        this.priorityRanks = priorityRanks;
    }

    public int rank(Priority priority) {
        return priorityRanks.getOrDefault(priority, priority.defaultRank());
    }

    public int getDefaultServiceMinutes() {
        return defaultServiceMinutes;
    }

    public void setDefaultServiceMinutes(int defaultServiceMinutes) {
        this.defaultServiceMinutes = defaultServiceMinutes;
    }

    public int getEstimateSample() {
        return estimateSample;
    }

    public void setEstimateSample(int estimateSample) {
        this.estimateSample = estimateSample;
    }
}
