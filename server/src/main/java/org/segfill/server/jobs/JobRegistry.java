package org.segfill.server.jobs;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs held in memory, by id. Finished jobs leave after the retention period; their results
 * stay on disk in the results directory. Ids are 128 random bits, so they are not guessable.
 */
public final class JobRegistry {

  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** Registers a new queued job for {@code spec}. */
  public Job create(JobSpec spec) {
    byte[] bits = new byte[16];
    random.nextBytes(bits);
    Job job = new Job("j" + HexFormat.of().formatHex(bits), spec);
    jobs.put(job.id(), job);
    return job;
  }

  /** The job {@code id}, if held. */
  public Optional<Job> get(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
  }

  /** Forgets a job (one the queue refused). */
  public void remove(String id) {
    jobs.remove(id);
  }

  /** Every job held, newest first. */
  public List<Job> all() {
    return jobs.values().stream().sorted(Comparator.comparing(Job::created).reversed())
        .toList();
  }

  /** Forgets jobs that ended before {@code cutoff}; returns how many. */
  public int expire(Instant cutoff) {
    int n = 0;
    for (Job job : List.copyOf(jobs.values())) {
      Instant finished = job.finished();
      if (finished != null && finished.isBefore(cutoff)) {
        jobs.remove(job.id());
        n++;
      }
    }
    return n;
  }
}
