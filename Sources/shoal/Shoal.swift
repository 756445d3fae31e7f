import ArgumentParser

@main
struct Shoal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shoal",
        abstract: "Self-hosted DNS service discovery: an authoritative DNS server for container services.",
        subcommands: [ServeCommand.self, CheckCommand.self, ImportCommand.self]
    )
}
