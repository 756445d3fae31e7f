import ArgumentParser

@main
struct Shoal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shoal",
        abstract: "Self-hosted DNS service discovery: an authoritative DNS server for container services.",
        subcommands: [ServeCommand.self, CheckCommand.self]
    )
}
