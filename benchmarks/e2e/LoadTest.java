import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * End-to-end load test of the sample application, on loopback only. Run it through {@code run.sh},
 * which documents the configurations and settings ({@code run.sh --help}).
 *
 * <p>Each configuration runs in a JVM of its own, all started at once and pinned to one CPU, each
 * exporting to an OTLP sink of its own. Each is warmed up in turn, then the measured windows rotate
 * between them, round after round, in reverse order every other round, so that slow drifts of the
 * host touch every configuration alike. {@code --memory} instead loads Checkly traffic into one
 * application whose OTLP endpoint is down and compares its heap after a full GC before and after.
 */
public final class LoadTest {

  private static final Path HERE = Path.of(System.getProperty("e2e.dir", "benchmarks/e2e"));

  private static final Path ROOT = HERE.resolve("../..").normalize();

  private static final String VERSION = "0.1.0-SNAPSHOT";

  private static final String AGENT_VERSION = "2.31.1";

  private static final Path JAR = ROOT.resolve("sample-app/target/sample-app-" + VERSION + ".jar");

  private static final Path EXTENSION_JAR =
      ROOT.resolve(
          "checkly-otel-javaagent-extension/target/checkly-otel-javaagent-extension-"
              + VERSION
              + ".jar");

  private static final Path AGENT_JAR =
      ROOT.resolve("benchmarks/target/opentelemetry-javaagent-" + AGENT_VERSION + ".jar");

  /** The suffix of the configurations run from {@code BEFORE_JAR}. */
  private static final String BEFORE = "@before";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One way of running the sample application, from {@code jar}. */
  private record Config(
      String name,
      List<String> jvmArgs,
      List<String> appArgs,
      String traffic,
      boolean exports,
      Path jar) {

    /** The same configuration run from another build of the sample application. */
    Config from(Path otherJar, String suffix) {
      return new Config(
          this.name + suffix, this.jvmArgs, this.appArgs, this.traffic, this.exports, otherJar);
    }

    boolean usesAgent() {
      return this.name.startsWith("agent-");
    }
  }

  /** What runs, per configuration; {@code %s} in an argument is the OTLP endpoint. */
  private static final Map<String, Config> CONFIGS = new LinkedHashMap<>();

  static {
    String otlp = "--otel.exporter.otlp.endpoint=%s";
    String http = "--otel.exporter.otlp.protocol=http/protobuf";
    List<String> agent =
        List.of(
            "-javaagent:" + AGENT_JAR,
            "-Dotel.exporter.otlp.endpoint=%s",
            "-Dotel.exporter.otlp.protocol=http/protobuf");
    List<String> noTracing =
        List.of(
            "--checkly.enabled=false",
            "--otel.sdk.disabled=true",
            "--otel.instrumentation.common.default-enabled=false");
    add("none", List.of(), noTracing, "plain", false);
    // The same as none, in a JVM of its own: how far two identical JVMs read apart on this host.
    add("none-aa", List.of(), noTracing, "plain", false);
    add("checkly-plain", List.of(), List.of(otlp, http), "plain", false);
    add("checkly-foreign", List.of(), List.of(otlp, http), "foreign", false);
    // Every request is Checkly's here: lift the spoofing cap, or it would trace only 50 a second.
    add(
        "checkly-traffic",
        List.of(),
        List.of(otlp, http, "--checkly.rate-limit.enabled=false"),
        "checkly",
        true);
    add(
        "otel-always-on",
        List.of(),
        List.of(otlp, http, "--spring.profiles.active=otel-always-on"),
        "checkly",
        true);
    add("agent-default", agent, List.of(), "plain", true);
    // Traces only, as with the extension's defaults: the difference is then the extension alone.
    add(
        "agent-off",
        concat(
            agent,
            List.of(
                "-Dotel.traces.sampler=always_off",
                "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none")),
        List.of(),
        "plain",
        false);
    add(
        "agent-checkly",
        concat(agent, List.of("-Dotel.javaagent.extensions=" + EXTENSION_JAR)),
        List.of(),
        "plain",
        false);
  }

  private final Map<String, String> env = System.getenv();

  private final int rounds = intSetting("ROUNDS", 5);

  private final int durationSeconds = seconds("DURATION", "10s");

  private final int warmupSeconds = seconds("WARMUP", "120s");

  private final int connections = intSetting("CONNECTIONS", 16);

  private final int threads = intSetting("THREADS", 1);

  /**
   * What is loaded: {@code /api/hello} answers at once, an order reads the database and calls out.
   */
  private final String path = setting("URL_PATH", "/api/hello");

  private final int appPort = intSetting("APP_PORT", 18080);

  private final int sinkPort = intSetting("SINK_PORT", 14318);

  private final int downPort = intSetting("DOWN_PORT", 14399);

  private final int memorySeconds = intSetting("MEMORY_SECONDS", 60);

  private final int startupTimeout = intSetting("STARTUP_TIMEOUT", 120);

  private final List<String> appJavaOpts = words(setting("APP_JAVA_OPTS", ""));

  /**
   * Another build of the sample application, e.g. of an earlier commit: every configuration but
   * none runs from it too, in a JVM of its own named {@code <configuration>@before}, in the same
   * rounds, so that a change is measured against what it replaces on the same host at the same
   * time.
   */
  private final String beforeJar = setting("BEFORE_JAR", "");

  /**
   * Whether each round runs on JVMs of its own, started and warmed up for it: two JVMs of the same
   * jar can differ lastingly by a few percent, which only averages out over many JVMs.
   */
  private final boolean freshJvms = setting("FRESH_JVMS", "0").equals("1");

  /** Whether each round loads every configuration at once, in one window, rather than in turn. */
  private final boolean sideBySide = setting("SIDE_BY_SIDE", "0").equals("1");

  private final List<Config> configs = new ArrayList<>();

  private final List<String> appCpu = new ArrayList<>();

  private final List<String> loadCpu = new ArrayList<>();

  private final Path work = Files.createTempDirectory("checkly-e2e.");

  private final Path results =
      HERE.resolve(
          "results-"
              + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
              + ".txt");

  private final Map<String, Process> apps = new LinkedHashMap<>();

  private final Map<String, Process> sinks = new LinkedHashMap<>();

  private final Map<String, Integer> appPorts = new LinkedHashMap<>();

  /** The seed of the order the configurations are measured in, round by round. */
  private final long seed = Long.parseLong(setting("SEED", Long.toString(System.nanoTime())));

  /** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
  private final long clockTicks = clockTicks();

  private final Map<String, Integer> sinkPorts = new LinkedHashMap<>();

  private LoadTest() throws IOException {
    for (String name :
        words(setting("CONFIGS", "none checkly-plain checkly-traffic otel-always-on"))) {
      Config config = CONFIGS.get(name);
      if (config == null) {
        throw new IllegalArgumentException("unknown configuration '" + name + "' in CONFIGS");
      }
      this.configs.add(config);
    }
    // Every run that compares against none prints its A/A pair: two identical JVMs.
    if (this.configs.contains(CONFIGS.get("none"))
        && !this.configs.contains(CONFIGS.get("none-aa"))) {
      this.configs.add(this.configs.indexOf(CONFIGS.get("none")) + 1, CONFIGS.get("none-aa"));
    }
    if (!this.beforeJar.isEmpty()) {
      Path before = Path.of(this.beforeJar).toAbsolutePath();
      if (!Files.isRegularFile(before)) {
        throw new IllegalArgumentException("BEFORE_JAR " + before + " is not a file");
      }
      for (Config config : List.copyOf(this.configs)) {
        if (!config.name().startsWith("none")) {
          this.configs.add(config.from(before, BEFORE));
        }
      }
    }
  }

  public static void main(String[] args) throws Exception {
    boolean memory = args.length > 0 && args[0].equals("--memory");
    LoadTest test = new LoadTest();
    Runtime.getRuntime().addShutdownHook(new Thread(test::stopAll));
    test.prepare();
    test.record("# benchmarks/e2e/run.sh " + String.join(" ", args) + " " + LocalDateTime.now());
    test.record("# " + test.settings());
    if (memory) {
      test.memory();
    } else {
      test.load();
    }
    deleteRecursively(test.work);
  }

  // --- preparation ---------------------------------------------------------------------------

  private void prepare() throws Exception {
    for (String tool : List.of("wrk", "jcmd")) {
      if (!onPath(tool)) {
        throw new IllegalStateException(tool + " is required (run.sh installs wrk)");
      }
    }
    if (!Files.exists(JAR) || setting("REBUILD", "0").equals("1")) {
      log("building the sample app");
      run(ROOT, "./mvnw", "-q", "-B", "-ntp", "package", "-DskipTests", "-pl", "sample-app", "-am");
    }
    if (isOlderThanSources(JAR)) {
      log("warning: sources changed since " + JAR + " was built; REBUILD=1 rebuilds it");
    }
    if (this.configs.stream().anyMatch(Config::usesAgent)) {
      if (!Files.exists(EXTENSION_JAR) || setting("REBUILD", "0").equals("1")) {
        log("building the Checkly extension for the Java agent");
        run(
            ROOT,
            "./mvnw",
            "-q",
            "-B",
            "-ntp",
            "package",
            "-DskipTests",
            "-pl",
            "checkly-otel-javaagent-extension",
            "-am");
      }
      if (!Files.exists(AGENT_JAR)) {
        log("fetching the OpenTelemetry Java agent " + AGENT_VERSION + " from Maven Central");
        run(
            ROOT,
            "./mvnw",
            "-q",
            "-B",
            "-ntp",
            "dependency:copy",
            "-Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:" + AGENT_VERSION,
            "-DoutputDirectory=" + AGENT_JAR.getParent());
      }
    }
    // The apps on CPU 0, wrk and the sinks on CPU 1, so that the load does not steal the apps' CPU.
    int cpus = Runtime.getRuntime().availableProcessors();
    if (cpus >= 2 && onPath("taskset")) {
      this.appCpu.addAll(List.of("taskset", "-c", "0"));
      this.loadCpu.addAll(List.of("taskset", "-c", "1"));
      log("pinning: sample app on CPU 0, wrk and the OTLP sink on CPU 1 (nproc=" + cpus + ")");
    } else {
      log("not pinning: nproc=" + cpus + " (or no taskset); the app and wrk share the CPU");
    }
  }

  private String settings() {
    return "ROUNDS="
        + this.rounds
        + " DURATION="
        + this.durationSeconds
        + "s WARMUP="
        + this.warmupSeconds
        + "s CONNECTIONS="
        + this.connections
        + " THREADS="
        + this.threads
        + " URL_PATH="
        + this.path
        + " CONFIGS="
        + this.configs.stream().map(Config::name).collect(Collectors.joining(" "))
        + " MEMORY_SECONDS="
        + this.memorySeconds
        + " APP_JAVA_OPTS="
        + String.join(" ", this.appJavaOpts)
        + " SEED="
        + this.seed
        + " SIDE_BY_SIDE="
        + (this.sideBySide ? 1 : 0)
        + " FRESH_JVMS="
        + (this.freshJvms ? 1 : 0)
        + " BEFORE_JAR="
        + this.beforeJar
        + " java="
        + System.getProperty("java.version");
  }

  // --- load mode -----------------------------------------------------------------------------

  private void load() throws Exception {
    for (int i = 0; i < this.configs.size(); i++) {
      startSink(this.configs.get(i), this.sinkPort + i);
    }
    if (!this.freshJvms) {
      startAndWarmUpApps("");
    }
    log(
        this.rounds
            + " round(s) of "
            + this.durationSeconds
            + " s each, "
            + this.connections
            + " connections, "
            + this.threads
            + " wrk thread(s)");
    Map<String, List<Result>> measured = new LinkedHashMap<>();
    java.util.Random random = new java.util.Random(this.seed);
    record("# order seed=" + this.seed);
    for (int round = 1; round <= this.rounds; round++) {
      if (this.freshJvms) {
        startAndWarmUpApps(" round=" + round);
      }
      // A random order each round: drift over the run, or a neighbour's, favours no position.
      List<Config> order = new ArrayList<>(this.configs);
      java.util.Collections.shuffle(order, random);
      // Side by side, every configuration is loaded in the same window: what the host does to one
      // it does to all. One after the other, each has the application's CPU to itself.
      List<List<Config>> windows =
          this.sideBySide ? List.of(order) : order.stream().map(List::of).toList();
      for (List<Config> window : windows) {
        Map<String, Long> exportsBefore = new LinkedHashMap<>();
        Map<String, Long> cpuBefore = new LinkedHashMap<>();
        for (Config config : window) {
          exportsBefore.put(config.name(), sinkRequests(config));
          cpuBefore.put(config.name(), cpuTicks(this.apps.get(config.name()).pid()));
        }
        Map<String, Result> results = wrk(window, this.durationSeconds);
        for (Config config : window) {
          long cpu = cpuTicks(this.apps.get(config.name()).pid()) - cpuBefore.get(config.name());
          Result result = results.get(config.name());
          result =
              result
                  .withExports(sinkRequests(config) - exportsBefore.get(config.name()))
                  .withCpuMicrosPerRequest(
                      (result.requests() == 0)
                          ? Double.NaN
                          : cpu * 1_000_000.0 / this.clockTicks / result.requests());
          measured.computeIfAbsent(config.name(), name -> new ArrayList<>()).add(result);
          String line = "config=" + config.name() + " round=" + round + " " + result;
          record(line);
          log("round " + round + "/" + this.rounds + ": " + line);
        }
      }
      if (this.freshJvms && round < this.rounds) {
        for (Config config : this.configs) {
          stop(this.apps.remove(config.name()), config.name());
        }
      }
    }
    List<String> warnings = new ArrayList<>();
    for (Config config : this.configs) {
      long before = sinkRequests(config);
      stop(this.apps.remove(config.name()), config.name()); // flushes its batch span processor
      long total = sinkRequests(config);
      stop(this.sinks.remove(config.name()), "sink of " + config.name());
      if (!config.exports() && total > 0) {
        warnings.add(config.name() + ": its sink received " + total + " exports, expected none");
      } else if (config.exports() && total == 0 && before == 0) {
        warnings.add(config.name() + ": nothing was exported");
      }
    }
    summary(measured, warnings);
  }

  /** Starts every configuration's JVM, then warms each up in turn. */
  private void startAndWarmUpApps(String round) throws Exception {
    for (int i = 0; i < this.configs.size(); i++) {
      Config config = this.configs.get(i);
      log("starting " + config.name() + " on port " + (this.appPort + i));
      startApp(config, "http://127.0.0.1:" + this.sinkPorts.get(config.name()), this.appPort + i);
    }
    for (Config config : this.configs) {
      // In windows of at most 10 s, to show the JIT settling.
      List<String> curve = new ArrayList<>();
      for (int left = this.warmupSeconds; left > 0; left -= 10) {
        curve.add(String.format(Locale.ROOT, "%.0f", wrk(config, Math.min(10, left)).rps()));
      }
      if (!curve.isEmpty()) {
        log("warm-up of " + config.name() + ", requests/s per window: " + String.join(" ", curve));
        record(
            "# warm-up"
                + round
                + " config="
                + config.name()
                + " rps_per_window="
                + String.join(" ", curve));
      }
    }
  }

  private void summary(Map<String, List<Result>> measured, List<String> warnings) {
    System.out.printf(
        Locale.ROOT,
        "%nGET %s, %d round(s) of %d s %s after %d s warm-up per JVM, %d connections, %d wrk"
            + " thread(s); medians over rounds:%n%n",
        this.path,
        this.rounds,
        this.durationSeconds,
        (this.sideBySide ? "(every configuration at once" : "(each configuration in turn")
            + (this.freshJvms ? ", on fresh JVMs each round)" : ")"),
        this.warmupSeconds,
        this.connections,
        this.threads);
    List<Result> none = measured.get("none");
    // The A/A pair says how far apart two identical JVMs read on this host, now: a ratio against
    // none means nothing unless they agree within 1%.
    List<Result> twin = measured.get("none-aa");
    double aaCpu =
        (none != null && twin != null) ? medianRatio(twin, none, Result::cpuPerRequest) : 1;
    double aaRps = (none != null && twin != null) ? medianRatio(twin, none, Result::rps) : 1;
    boolean trusted = Math.abs(aaCpu - 1) <= 0.01;
    System.out.printf(
        Locale.ROOT,
        "A/A pair (none-aa vs none): CPU per request %s, requests/s %s%s%n%n",
        ratios(twin, none, Result::cpuPerRequest),
        ratios(twin, none, Result::rps),
        trusted
            ? ""
            : " -- MORE THAN 1% APART: this host is too noisy now, ratios against none are not"
                + " reported");
    System.out.println(
        "| configuration | requests/s | CPU µs/request | p50 (µs) | p99 (µs)"
            + " | CPU/request vs none, per round | requests/s vs none, per round | errors"
            + " | OTLP exports |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Map.Entry<String, List<Result>> entry : measured.entrySet()) {
      List<Result> results = entry.getValue();
      double rps = median(results.stream().mapToDouble(Result::rps).toArray());
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.2f | %.0f | %.0f | %s | %s | %d | %d |%n",
          entry.getKey(),
          rps,
          median(results.stream().mapToDouble(Result::cpuPerRequest).toArray()),
          median(results.stream().mapToDouble(Result::p50).toArray()),
          median(results.stream().mapToDouble(Result::p99).toArray()),
          trusted ? ratios(results, none, Result::cpuPerRequest) : "n/a (A/A)",
          trusted ? ratios(results, none, Result::rps) : "n/a (A/A)",
          results.stream().mapToLong(Result::errors).sum(),
          results.stream().mapToLong(Result::exports).sum());
    }
    List<String[]> pairs =
        new ArrayList<>(
            List.of(
                new String[] {"checkly-traffic", "otel-always-on"},
                new String[] {"agent-checkly", "agent-off"},
                new String[] {"agent-checkly", "agent-default"}));
    for (String name : measured.keySet()) {
      if (measured.containsKey(name + BEFORE)) {
        pairs.add(new String[] {name, name + BEFORE});
      }
    }
    for (String[] pair : pairs) {
      if (measured.containsKey(pair[0]) && measured.containsKey(pair[1])) {
        System.out.printf(
            "%n%s vs %s, per round: CPU per request %s, requests/s %s%n",
            pair[0],
            pair[1],
            trusted
                ? ratios(measured.get(pair[0]), measured.get(pair[1]), Result::cpuPerRequest)
                : "n/a (A/A)",
            trusted
                ? ratios(measured.get(pair[0]), measured.get(pair[1]), Result::rps)
                : "n/a (A/A)");
      }
    }
    System.out.println(
        "\nerrors: wrk socket errors and non-2xx/3xx responses, summed over rounds."
            + " OTLP exports: POSTs its sink received during the measured windows, summed over rounds.");
    System.out.println("Raw numbers: " + this.results);
    warnings.forEach(warning -> System.out.println("WARNING: " + warning));
  }

  /** The median and range of the per-round ratios of {@code metric}. */
  private static String ratios(
      List<Result> results,
      List<Result> baseline,
      java.util.function.ToDoubleFunction<Result> metric) {
    if (results == null || baseline == null || baseline.size() != results.size()) {
      return "n/a";
    }
    double[] sorted = perRound(results, baseline, metric);
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT, "%.3f (%.3f-%.3f)", median(sorted), sorted[0], sorted[sorted.length - 1]);
  }

  private static double medianRatio(
      List<Result> results,
      List<Result> baseline,
      java.util.function.ToDoubleFunction<Result> metric) {
    return median(perRound(results, baseline, metric));
  }

  private static double[] perRound(
      List<Result> results,
      List<Result> baseline,
      java.util.function.ToDoubleFunction<Result> metric) {
    double[] ratios = new double[results.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = metric.applyAsDouble(results.get(i)) / metric.applyAsDouble(baseline.get(i));
    }
    return ratios;
  }

  /** utime + stime of process {@code pid}, in clock ticks, from /proc/<pid>/stat. */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // The command name, field 2, is in parentheses and may hold spaces: count from after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long clockTicks() {
    try {
      return Long.parseLong(output("getconf", "CLK_TCK").trim());
    } catch (Exception ex) {
      return 100;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  // --- memory mode ---------------------------------------------------------------------------

  private void memory() throws Exception {
    if (isListening(this.downPort)) {
      throw new IllegalStateException("port " + this.downPort + " (DOWN_PORT) must be closed");
    }
    Config config = CONFIGS.get("checkly-traffic");
    String endpoint = "http://127.0.0.1:" + this.downPort;
    log("memory: Checkly traffic, OTLP endpoint " + endpoint + " is down");
    long pid = startApp(config, endpoint, this.appPort);
    if (this.warmupSeconds > 0) {
      log("warm-up: " + this.warmupSeconds + " s");
      wrk(config, this.warmupSeconds);
    }
    double startHeap = heapAfterGcMb(pid);
    double startRss = rssMb(pid);
    log(
        "heap after full GC at start: "
            + startHeap
            + " MB (RSS "
            + startRss
            + " MB); load for "
            + this.memorySeconds
            + " s");
    Result result = wrk(config, this.memorySeconds);
    double endHeap = heapAfterGcMb(pid);
    double endRss = rssMb(pid);
    long exportFailureLines =
        Files.readAllLines(this.work.resolve("app-checkly-traffic.log")).stream()
            .filter(line -> line.toLowerCase(Locale.ROOT).contains("failed to export"))
            .count();
    stop(this.apps.remove(config.name()), config.name());
    record("mode=memory phase=start heap_after_gc_mb=" + startHeap + " rss_mb=" + startRss);
    record(
        "mode=memory phase=end seconds="
            + this.memorySeconds
            + " heap_after_gc_mb="
            + endHeap
            + " rss_mb="
            + endRss
            + " "
            + result
            + " export_failure_log_lines="
            + exportFailureLines);
    System.out.printf(
        Locale.ROOT,
        "%nMemory, Checkly traffic with the OTLP endpoint down (%s), %d connections:%n%n"
            + "| when | heap used after full GC (MB) | RSS (MB) |%n| --- | ---: | ---: |%n"
            + "| after %d s warm-up | %.1f | %.1f |%n| after %d s more load | %.1f | %.1f |%n%n"
            + "Heap change: %+.1f MB. Load: %.1f req/s, %d requests, %d errors;"
            + " 'failed to export' log lines: %d.%nRaw numbers: %s%n",
        endpoint,
        this.connections,
        this.warmupSeconds,
        startHeap,
        startRss,
        this.memorySeconds,
        endHeap,
        endRss,
        endHeap - startHeap,
        result.rps(),
        result.requests(),
        result.errors(),
        exportFailureLines,
        this.results);
  }

  /** Heap used after a full GC, in MB, from {@code jcmd GC.heap_info} (G1, Serial, Parallel, Z). */
  private double heapAfterGcMb(long pid) throws Exception {
    output("jcmd", Long.toString(pid), "GC.run");
    String info = output("jcmd", Long.toString(pid), "GC.heap_info");
    Matcher used =
        Pattern.compile(
                "(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen|ZHeap)"
                    + ".*?used (\\d+)([KMG])")
            .matcher(info);
    double kb = 0;
    boolean found = false;
    while (used.find()) {
      double value = Double.parseDouble(used.group(2));
      kb +=
          switch (used.group(3)) {
            case "K" -> value;
            case "M" -> value * 1024;
            default -> value * 1024 * 1024;
          };
      found = true;
    }
    if (!found) {
      throw new IllegalStateException(
          "could not read the heap from: jcmd " + pid + " GC.heap_info");
    }
    return Math.round(kb / 1024 * 10) / 10.0;
  }

  private static double rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Math.round(Double.parseDouble(line.replaceAll("\\D", "")) / 1024 * 10) / 10.0;
      }
    }
    return Double.NaN;
  }

  // --- processes -----------------------------------------------------------------------------

  private void startSink(Config config, int port) throws Exception {
    if (isListening(port)) {
      throw new IllegalStateException(
          "port " + port + " (for the sink of " + config.name() + ") is in use");
    }
    List<String> command = new ArrayList<>(this.loadCpu);
    command.addAll(
        List.of(
            javaCommand(),
            "-Xmx128m",
            HERE.resolve("OtlpSink.java").toString(),
            Integer.toString(port)));
    Process sink = start(command, this.work.resolve("sink-" + config.name() + ".log"), Map.of());
    this.sinks.put(config.name(), sink);
    this.sinkPorts.put(config.name(), port);
    awaitAnswer(
        sink, "http://127.0.0.1:" + port + "/stats", 30, "the OTLP sink of " + config.name());
  }

  private long startApp(Config config, String endpoint, int port) throws Exception {
    if (isListening(port)) {
      throw new IllegalStateException("port " + port + " (for " + config.name() + ") is in use");
    }
    List<String> command = new ArrayList<>(this.appCpu);
    command.add(javaCommand());
    command.addAll(this.appJavaOpts);
    config.jvmArgs().forEach(arg -> command.add(String.format(arg, endpoint)));
    if (config.usesAgent()) {
      command.add("-Dotel.service.name=e2e-" + config.name());
    }
    command.addAll(List.of("-jar", config.jar().toString(), "--server.port=" + port));
    config.appArgs().forEach(arg -> command.add(String.format(arg, endpoint)));
    Process app = start(command, this.work.resolve("app-" + config.name() + ".log"), Map.of());
    this.apps.put(config.name(), app);
    this.appPorts.put(config.name(), port);
    awaitAnswer(
        app,
        "http://127.0.0.1:" + port + "/api/hello",
        this.startupTimeout,
        "the sample app (" + config.name() + ")");
    return app.pid();
  }

  private static Process start(List<String> command, Path log, Map<String, String> env)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static void awaitAnswer(Process process, String url, int seconds, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(what + " exited during startup");
      }
      try {
        if (HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException ex) {
        // Not listening yet.
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(what + " did not answer in " + seconds + " s");
  }

  private long sinkRequests(Config config) throws Exception {
    String stats =
        HTTP.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + this.sinkPorts.get(config.name()) + "/stats"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher requests = Pattern.compile("requests=(\\d+)").matcher(stats);
    return requests.find() ? Long.parseLong(requests.group(1)) : 0;
  }

  private Result wrk(Config config, int seconds) throws Exception {
    return wrk(List.of(config), seconds).get(config.name());
  }

  /** Loads every configuration of {@code window} at once, each with a wrk of its own. */
  private Map<String, Result> wrk(List<Config> window, int seconds) throws Exception {
    Map<String, Process> running = new LinkedHashMap<>();
    for (Config config : window) {
      List<String> command = new ArrayList<>(this.loadCpu);
      command.addAll(
          List.of(
              "wrk",
              "-t",
              Integer.toString(this.threads),
              "-c",
              Integer.toString(this.connections),
              "-d",
              seconds + "s",
              "--timeout",
              "5s",
              "-s",
              HERE.resolve("wrk.lua").toString(),
              "http://127.0.0.1:" + this.appPorts.get(config.name()) + this.path));
      running.put(
          config.name(),
          start(
              command,
              this.work.resolve("wrk-" + config.name() + ".out"),
              Map.of(
                  "WRK_CHECKLY", config.traffic().equals("checkly") ? "1" : "0",
                  "WRK_FOREIGN", config.traffic().equals("foreign") ? "1" : "0")));
    }
    Map<String, Result> results = new LinkedHashMap<>();
    for (Map.Entry<String, Process> entry : running.entrySet()) {
      Process wrk = entry.getValue();
      if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
        wrk.destroyForcibly();
        throw new IllegalStateException("wrk did not finish");
      }
      String output = Files.readString(this.work.resolve("wrk-" + entry.getKey() + ".out"));
      if (wrk.exitValue() != 0) {
        throw new IllegalStateException("wrk failed:\n" + output);
      }
      results.put(entry.getKey(), Result.parse(output));
    }
    return results;
  }

  private void stopAll() {
    this.apps.forEach((name, process) -> stop(process, name));
    this.sinks.forEach((name, process) -> stop(process, "sink of " + name));
  }

  private static void stop(Process process, String what) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        log(what + " did not stop in 20 s: killing it");
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /** One wrk run, as its {@code RESULT} line reports it, and the exports during it. */
  private record Result(
      double rps,
      double p50,
      double p99,
      long requests,
      long errors,
      long exports,
      double cpuPerRequest) {

    static Result parse(String wrkOutput) {
      Matcher line =
          Pattern.compile(
                  "RESULT rps=([\\d.]+) p50_us=(\\d+) p99_us=(\\d+) requests=(\\d+) errors=(\\d+)")
              .matcher(wrkOutput);
      if (!line.find()) {
        throw new IllegalStateException("no RESULT line from wrk:\n" + wrkOutput);
      }
      return new Result(
          Double.parseDouble(line.group(1)),
          Double.parseDouble(line.group(2)),
          Double.parseDouble(line.group(3)),
          Long.parseLong(line.group(4)),
          Long.parseLong(line.group(5)),
          0,
          Double.NaN);
    }

    Result withExports(long exports) {
      return new Result(
          this.rps, this.p50, this.p99, this.requests, this.errors, exports, this.cpuPerRequest);
    }

    Result withCpuMicrosPerRequest(double cpuPerRequest) {
      return new Result(
          this.rps, this.p50, this.p99, this.requests, this.errors, this.exports, cpuPerRequest);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "rps=%.1f cpu_us_per_request=%.2f p50_us=%.0f p99_us=%.0f requests=%d errors=%d"
              + " exports=%d",
          this.rps,
          this.cpuPerRequest,
          this.p50,
          this.p99,
          this.requests,
          this.errors,
          this.exports);
    }
  }

  // --- small helpers -------------------------------------------------------------------------

  private static void add(
      String name, List<String> jvm, List<String> app, String traffic, boolean exports) {
    CONFIGS.put(name, new Config(name, jvm, app, traffic, exports, JAR));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private void record(String line) throws IOException {
    Files.writeString(
        this.results,
        line + System.lineSeparator(),
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static void log(String message) {
    System.err.printf("[e2e %tT] %s%n", LocalDateTime.now(), message);
  }

  private String setting(String name, String fallback) {
    String value = this.env.get(name);
    return (value == null || value.isBlank()) ? fallback : value.trim();
  }

  private int intSetting(String name, int fallback) {
    return Integer.parseInt(setting(name, Integer.toString(fallback)));
  }

  /** A wrk-style duration (20, 20s, 2m, 1h) in seconds. */
  private int seconds(String name, String fallback) {
    Matcher duration = Pattern.compile("(\\d+)([smh]?)").matcher(setting(name, fallback));
    if (!duration.matches()) {
      throw new IllegalArgumentException(name + " must be a duration such as 20, 20s, 2m or 1h");
    }
    int value = Integer.parseInt(duration.group(1));
    return switch (duration.group(2)) {
      case "m" -> value * 60;
      case "h" -> value * 3600;
      default -> value;
    };
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static boolean onPath(String tool) {
    return Arrays.stream(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static boolean isOlderThanSources(Path jar) throws IOException {
    long built = Files.getLastModifiedTime(jar).toMillis();
    for (String sources : List.of("sample-app/src/main", "checkly-otel-autoconfigure/src/main")) {
      try (var files = Files.walk(ROOT.resolve(sources))) {
        if (files.anyMatch(file -> file.toFile().lastModified() > built)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isListening(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException ex) {
      return false;
    }
  }

  private static void run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }

  private static String output(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return output;
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
