// description: Upsert Unit nodes (shared between documents, keyed by canonical name)
// params: rows:list
UNWIND $rows AS row
MERGE (u:Unit {name: row.name})
SET u.level = row.level, u.kind = row.kind, u.government = row.government,
    u.collective = row.collective, u.aliases = row.aliases
