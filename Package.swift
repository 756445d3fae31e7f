// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Shoal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "shoal", targets: ["shoal"]),
        .library(name: "DNSWire", targets: ["DNSWire"]),
        .library(name: "DNSZone", targets: ["DNSZone"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.17.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibUV",
            pkgConfig: "libuv",
            providers: [.apt(["libuv1-dev"])]
        ),
        .target(name: "CSyscalls"),
        .target(name: "DNSWire"),
        .target(
            name: "DNSZone",
            dependencies: ["DNSWire", .product(name: "HashTreeCollections", package: "swift-collections")]
        ),
        .target(
            name: "Registry",
            dependencies: [
                "DNSWire", "DNSZone",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AWSAuth",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "Route53API",
            dependencies: [
                "AWSAuth", "DNSWire", "DNSZone", "Registry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]
        ),
        .target(
            name: "CloudMapAPI",
            dependencies: [
                "AWSAuth", "DNSWire", "Registry", "Route53API",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "ControlAPI",
            dependencies: [
                "AWSAuth", "CloudMapAPI", "DNSWire", "DNSZone", "Registry", "Route53API",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DNSServer",
            dependencies: [
                "CLibUV", "CSyscalls",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "shoal",
            dependencies: [
                "AWSAuth", "DNSWire", "DNSZone", "DNSServer", "Registry", "ControlAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "DNSWireTests", dependencies: ["DNSWire"]),
        // Test support: counts heap calls per thread (interposes malloc); linked into tests only.
        .target(name: "CAllocationCounter", path: "Tests/CAllocationCounter"),
        // Test support: a registry on a temporary directory, for the API test targets.
        .target(
            name: "RegistryTestSupport",
            dependencies: ["Registry", "DNSZone", .product(name: "Logging", package: "swift-log")],
            path: "Tests/RegistryTestSupport"
        ),
        // The common-query mix the allocation test and the release hot path check share.
        .target(name: "HotPathMix", dependencies: ["DNSZone", "DNSWire", "CAllocationCounter"], path: "Tests/HotPathMix"),
        // Run from a release build by scripts/test.sh: no allocation, no reference counting per query
        // (CRetainCounter interposes the Swift runtime's retain and release in that executable only).
        .target(name: "CRetainCounter", path: "Tests/CRetainCounter", linkerSettings: [.linkedLibrary("dl")]),
        .executableTarget(
            name: "HotPathCheck", dependencies: ["HotPathMix", "DNSZone", "DNSWire", "CAllocationCounter", "CRetainCounter"],
            path: "Tests/HotPathCheck"),
        .testTarget(name: "DNSZoneTests", dependencies: ["DNSZone", "DNSWire", "CAllocationCounter", "HotPathMix"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "DNSZone", "DNSWire"]),
        .testTarget(name: "Route53APITests", dependencies: ["Route53API"]),
        .testTarget(name: "AWSAuthTests", dependencies: ["AWSAuth"]),
        .testTarget(
            name: "ControlAPITests",
            dependencies: [
                "ControlAPI", "Registry", "DNSZone", "DNSWire", "RegistryTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "CloudMapAPITests",
            dependencies: [
                "CloudMapAPI", "DNSWire", "DNSZone", "Registry", "Route53API", "RegistryTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DNSServerTests",
            dependencies: ["DNSServer", .product(name: "Logging", package: "swift-log")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
