import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares two CPU profiles that profile.sh wrote, by the share of samples each frame is on the
 * stack of (inclusive): what one configuration spends its CPU on that the other does not.
 *
 * <pre>
 *   java benchmarks/e2e/ProfileDiff.java BASE.collapsed OTHER.collapsed [REGEX [N]]
 *   java benchmarks/e2e/ProfileDiff.java --own FRAME PROFILE.collapsed
 * </pre>
 *
 * The first form lists the N (30) frames matching REGEX (all) whose inclusive share grew the most
 * from BASE to OTHER. The second gives the share of samples a servlet filter spends on its own
 * work: with FRAME on the stack but no later entry into the filter chain, grouped by the calls
 * below it.
 */
public final class ProfileDiff {

  private record Profile(long total, List<String[]> stacks, List<Long> counts) {}

  public static void main(String[] args) throws IOException {
    if (args.length >= 3 && args[0].equals("--own")) {
      own(args[1], read(Path.of(args[2])));
      return;
    }
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: BASE.collapsed OTHER.collapsed [REGEX [N]]");
    }
    Profile base = read(Path.of(args[0]));
    Profile other = read(Path.of(args[1]));
    Pattern frames = Pattern.compile(args.length > 2 ? args[2] : ".");
    int limit = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    Map<String, Double> before = inclusiveShares(base);
    Map<String, Double> after = inclusiveShares(other);
    Set<String> names = new HashSet<>(before.keySet());
    names.addAll(after.keySet());
    List<String> matching = new ArrayList<>();
    for (String name : names) {
      if (frames.matcher(name).find()) {
        matching.add(name);
      }
    }
    matching.sort(
        (a, b) ->
            Double.compare(
                after.getOrDefault(b, 0.0) - before.getOrDefault(b, 0.0),
                after.getOrDefault(a, 0.0) - before.getOrDefault(a, 0.0)));
    System.out.printf(Locale.ROOT, "samples: base %d, other %d%n", base.total(), other.total());
    System.out.println("| frame | base | other | difference |");
    System.out.println("| --- | ---: | ---: | ---: |");
    for (String name : matching.subList(0, Math.min(limit, matching.size()))) {
      double was = before.getOrDefault(name, 0.0);
      double is = after.getOrDefault(name, 0.0);
      System.out.printf(
          Locale.ROOT, "| `%s` | %.2f%% | %.2f%% | %+.2f%% |%n", name, was, is, is - was);
    }
  }

  /** Samples with {@code frame} on the stack that do not enter the filter chain again below it. */
  private static void own(String frame, Profile profile) {
    Map<String, Long> below = new HashMap<>();
    long own = 0;
    for (int s = 0; s < profile.stacks().size(); s++) {
      String[] stack = profile.stacks().get(s);
      for (int i = stack.length - 1; i >= 0; i--) {
        if (!stack[i].contains(frame)) {
          continue;
        }
        boolean reentersChain = false;
        for (int j = i + 1; j < stack.length; j++) {
          reentersChain |= stack[j].contains("ApplicationFilterChain.doFilter");
        }
        if (!reentersChain) {
          long count = profile.counts().get(s);
          own += count;
          String calls =
              String.join(
                  " > ",
                  Arrays.stream(stack, i + 1, Math.min(stack.length, i + 3))
                      .map(ProfileDiff::shortName)
                      .toList());
          below.merge(calls.isEmpty() ? "(itself)" : calls, count, Long::sum);
        }
        break;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s, own work: %.2f%% of %d samples%n",
        frame,
        100.0 * own / profile.total(),
        profile.total());
    below.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(10)
        .forEach(
            entry ->
                System.out.printf(
                    Locale.ROOT,
                    "  %.2f%% %s%n",
                    100.0 * entry.getValue() / profile.total(),
                    entry.getKey()));
  }

  private static Map<String, Double> inclusiveShares(Profile profile) {
    Map<String, Long> counts = new HashMap<>();
    for (int s = 0; s < profile.stacks().size(); s++) {
      long count = profile.counts().get(s);
      for (String name : new HashSet<>(Arrays.asList(profile.stacks().get(s)))) {
        counts.merge(name, count, Long::sum);
      }
    }
    Map<String, Double> shares = new HashMap<>();
    counts.forEach((name, count) -> shares.put(name, 100.0 * count / profile.total()));
    return shares;
  }

  private static Profile read(Path file) throws IOException {
    long total = 0;
    List<String[]> stacks = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long count = Long.parseLong(line.substring(space + 1));
      stacks.add(line.substring(0, space).split(";"));
      counts.add(count);
      total += count;
    }
    return new Profile(total, stacks, counts);
  }

  private static String shortName(String frame) {
    return frame.substring(frame.lastIndexOf('/') + 1);
  }
}
