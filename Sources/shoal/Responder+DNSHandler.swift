import DNSServer
import DNSZone

/// The server's workers call the responder directly; the signatures already match.
extension Responder: DNSHandler {}
