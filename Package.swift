// swift-tools-version: 6.1
import PackageDescription

let strictFeatures: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "finishline",
  products: [
    .executable(name: "finishline", targets: ["finishline"]),
    .executable(name: "finishline-fuzz", targets: ["finishline-fuzz"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // Headers only: libcurl itself is loaded with dlopen when a request is about to be made.
    .systemLibrary(
      name: "CCurl",
      providers: [.apt(["libcurl4-openssl-dev"])]
    ),
    // Headers only, likewise: libpq is loaded when `state_url` is configured.
    .systemLibrary(
      name: "CPQ",
      providers: [.apt(["libpq-dev"])]
    ),
    .target(name: "FinishlineCore"),
    .target(
      name: "FinishlineSystem",
      dependencies: ["FinishlineCore", "CCurl"]
    ),
    // The PostgreSQL state backend (`state_url`), in a module of its own so the file-backed
    // path neither carries nor touches its code; the executable installs it.
    .target(
      name: "FinishlinePostgres",
      dependencies: ["FinishlineCore", "FinishlineSystem", "CPQ"]
    ),
    .executableTarget(
      name: "finishline",
      dependencies: [
        "FinishlineCore",
        "FinishlineSystem",
        "FinishlinePostgres",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .systemLibrary(name: "CFuzzer"),
    .executableTarget(
      name: "finishline-fuzz",
      dependencies: ["FinishlineSystem", "CFuzzer"]
    ),
    .testTarget(
      name: "FinishlineCoreTests",
      dependencies: ["FinishlineCore"],
      resources: [.copy("Fixtures")]
    ),
    .target(
      name: "TestSupport",
      path: "Tests/TestSupport"
    ),
    .testTarget(
      name: "FinishlineSystemTests",
      dependencies: ["FinishlineSystem", "FinishlinePostgres", "FinishlineCore", "TestSupport"]
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["FinishlineCore", "TestSupport"]
    ),
  ],
  swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
  target.swiftSettings = (target.swiftSettings ?? []) + strictFeatures
}
