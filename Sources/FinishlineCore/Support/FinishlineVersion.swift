/// The version `finishline --version` prints; bump it with every release.
public enum FinishlineVersion {
  public static let current = "0.5.0"
}
