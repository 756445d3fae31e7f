import GRDB

/// The database layout, versioned by GRDB's migrator: add a migration, never edit one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE zones (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        soa_primary TEXT NOT NULL,
                        soa_mailbox TEXT NOT NULL,
                        serial INTEGER NOT NULL,
                        refresh INTEGER NOT NULL,
                        retry INTEGER NOT NULL,
                        expire INTEGER NOT NULL,
                        minimum INTEGER NOT NULL,
                        soa_ttl INTEGER NOT NULL,
                        comment TEXT,
                        created_at REAL NOT NULL
                    );
                    -- One row per set written through changes; rdata is a JSON array of the
                    -- records in presentation format, names absolute.
                    CREATE TABLE record_sets (
                        zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
                        name_key BLOB NOT NULL,
                        name TEXT NOT NULL,
                        type INTEGER NOT NULL,
                        ttl INTEGER NOT NULL,
                        rdata TEXT NOT NULL,
                        PRIMARY KEY (zone_id, name_key, type)
                    ) WITHOUT ROWID;
                    CREATE TABLE instances (
                        zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
                        service TEXT NOT NULL,
                        instance_id TEXT NOT NULL,
                        address TEXT NOT NULL,
                        port INTEGER,
                        attributes TEXT NOT NULL,
                        lease INTEGER,
                        ttl INTEGER NOT NULL,
                        expires_at REAL,
                        registered_at REAL NOT NULL,
                        PRIMARY KEY (zone_id, service, instance_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX instances_by_expiry ON instances(expires_at) WHERE expires_at IS NOT NULL;
                    CREATE TABLE changes (
                        id TEXT PRIMARY KEY NOT NULL,
                        zone TEXT NOT NULL,
                        serial INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        submitted_at TEXT NOT NULL,
                        comment TEXT
                    ) WITHOUT ROWID;
                    -- What each batch removed from and added to DNS, for IXFR.
                    CREATE TABLE journal (
                        id INTEGER PRIMARY KEY,
                        zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
                        serial INTEGER NOT NULL,
                        change_id TEXT NOT NULL,
                        removed TEXT NOT NULL,
                        added TEXT NOT NULL
                    );
                    CREATE INDEX journal_by_zone ON journal(zone_id, serial);
                    """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    -- Opaque to the registry: what the AWS APIs keep with a zone (JSON object of strings).
                    ALTER TABLE zones ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
                    -- NULL for a simple set; else JSON: the routing policy and its choices, or an alias.
                    -- rdata still holds every record of the set.
                    ALTER TABLE record_sets ADD COLUMN policy TEXT;
                    -- Services declared ahead of their instances: which records each instance makes.
                    CREATE TABLE services (
                        zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        routing_policy TEXT NOT NULL,
                        records TEXT NOT NULL,
                        metadata TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        PRIMARY KEY (zone_id, name)
                    ) WITHOUT ROWID;
                    -- address: IPv4 or IPv6, '' when the instance has only ipv6 or a cname.
                    ALTER TABLE instances ADD COLUMN ipv6 TEXT;
                    ALTER TABLE instances ADD COLUMN cname TEXT;
                    ALTER TABLE instances ADD COLUMN healthy INTEGER NOT NULL DEFAULT 1;
                    ALTER TABLE changes ADD COLUMN operation TEXT;
                    ALTER TABLE changes ADD COLUMN service TEXT;
                    ALTER TABLE changes ADD COLUMN instance TEXT;
                    CREATE INDEX changes_by_time ON changes(submitted_at, id);
                    """)
        }
        return migrator
    }
}
